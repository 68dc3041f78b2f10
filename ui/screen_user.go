package ui

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// The rows of the user form before the metadata pairs; the pairs (an empty one last, for the
// next pair) are followed by the market, the locale and the permissions.
const (
	userEmail = iota
	userPhone
	userReference
	userMetadata // the first metadata pair
)

// Why the user form refuses what it holds.
const (
	errNoIdentifier = "give an email, a phone or a reference id: a returning user is found by it"
	errNoPermission = "tick at least one permission: the session reads nothing without one"
)

// pairHint is the hint of the empty metadata line at the end.
const pairHint = "key=value; a line for the next pair appears as you type"

// userScreen answers flows.DescribeUser: who a data session is for (an email, a phone or a
// reference id, and free key=value metadata, one pair a line) and how it runs (the market, the
// locale, the permissions). Enter answers with the form, or refuses it inline, keeping what
// was typed; esc goes back.
type userScreen struct {
	c      common
	prompt flows.DescribeUser
	form   form
	pairs  int // metadata lines, the empty one at the end included
	scroll scroller
}

func newUserScreen(c common, p flows.DescribeUser) userScreen {
	u := p.Prefill
	rows := []formRow{
		textField("Email", "the user's email address", u.Email),
		textField("Phone", "the user's phone number", u.Phone),
		textField("Reference id", "your application's id for the user", u.ReferenceID),
	}
	for _, k := range slices.Sorted(maps.Keys(u.Metadata)) {
		rows = append(rows, textField("", "", k+"="+u.Metadata[k]))
	}
	rows = append(rows, textField("", pairHint, ""))
	pairs := len(u.Metadata) + 1

	markets := p.Markets
	if len(markets) == 0 && p.Market != "" {
		markets = []string{p.Market}
	}
	market := optionField("Market", markets, max(0, slices.Index(markets, p.Market)))
	market.gap = true
	rows = append(rows, market, textField("Locale", p.Locale+" unless you say otherwise", p.Locale))
	for i, perm := range p.Permissions {
		box := checkField("", perm, slices.Contains(p.Granted, perm))
		if i == 0 {
			box.label, box.gap = "Permissions", true
		}
		rows = append(rows, box)
	}

	s := userScreen{c: c, prompt: p, form: newForm(rows...), pairs: pairs, scroll: newScroller(c.keys)}
	s.form, _ = s.form.focusOn(userEmail)
	s = s.relabel()
	return s.resize(c).(userScreen)
}

func (s userScreen) kind() screenKind { return kindUser }
func (s userScreen) title() string    { return "Describe the user" }
func (s userScreen) typing() bool     { return true }
func (s userScreen) ownsBack() bool   { return false }

// The rows after the metadata pairs.
func (s userScreen) lastPair() int      { return userMetadata + s.pairs - 1 }
func (s userScreen) marketRow() int     { return userMetadata + s.pairs }
func (s userScreen) localeRow() int     { return s.marketRow() + 1 }
func (s userScreen) permRow(i int) int  { return s.marketRow() + 2 + i }
func (s userScreen) isPair(i int) bool  { return i >= userMetadata && i <= s.lastPair() }
func (s userScreen) permissions() []int { return rowRange(s.permRow(0), len(s.prompt.Permissions)) }

// rowRange is the n row indices from first.
func rowRange(first, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = first + i
	}
	return out
}

func (s userScreen) resize(c common) screen {
	s.c = c
	s.form = s.form.resize(c)
	s.scroll = s.scroll.resize(c.width, c.height-headLines(c.width, s.intro())-scrollHintLines)
	return s.refresh()
}

func (s userScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, s.c.keys.Submit) {
		return s.submit()
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if scroll, paged := s.scroll.page(k); paged {
			s.scroll = scroll
			return s, nil
		}
	}
	before := s.form.focus
	var cmd tea.Cmd
	var changed bool
	s.form, cmd, changed = s.form.update(s.c.keys, msg)
	if changed && s.form.focus <= userReference && s.form.rows[userReference].err == errNoIdentifier {
		s.form = s.form.refuse(userReference, "") // an identifier changed: the complaint is answered
	}
	return s.tidyPairs(before).refresh(), cmd
}

// tidyPairs drops the metadata line the focus left empty (unless it is the last) and adds an
// empty line once the last one holds something.
func (s userScreen) tidyPairs(before int) userScreen {
	if before != s.form.focus && s.isPair(before) && before != s.lastPair() && s.form.rows[before].input.Value() == "" {
		s.form = s.form.remove(before)
		s.pairs--
	}
	if last := s.lastPair(); s.form.rows[last].input.Value() != "" {
		s.form = s.form.insert(last+1, textField("", pairHint, "")).resize(s.c)
		s.pairs++
	}
	return s.relabel()
}

// relabel names the first metadata line and hints at what the empty ones are for.
func (s userScreen) relabel() userScreen {
	s.form.rows = slices.Clone(s.form.rows)
	for i := userMetadata; i <= s.lastPair(); i++ {
		r := &s.form.rows[i]
		r.label, r.gap = "", i == userMetadata
		if i == userMetadata {
			r.label = "Metadata"
		}
		r.input.Placeholder = "empty: the pair goes when you leave the line"
		if i == s.lastPair() {
			r.input.Placeholder = pairHint
		}
	}
	return s
}

// submit answers with the form, or refuses what is missing or wrong, where it is.
func (s userScreen) submit() (screen, tea.Cmd) {
	f := s.form.clearErrors()
	email, phone, ref := f.rows[userEmail].value(), f.rows[userPhone].value(), f.rows[userReference].value()
	focus := -1
	if email == "" && phone == "" && ref == "" {
		f, focus = f.refuse(userReference, errNoIdentifier), userEmail
	}
	if email != "" {
		if why := emailProblem(email); why != "" {
			f = f.refuse(userEmail, why)
		}
	}
	metadata, f := s.metadata(f)
	var perms []string
	for _, i := range s.permissions() {
		if f.rows[i].ticked {
			perms = append(perms, f.rows[i].text)
		}
	}
	if len(s.prompt.Permissions) > 0 && len(perms) == 0 {
		f = f.refuse(s.permRow(len(s.prompt.Permissions)-1), errNoPermission)
	}
	s.form = f
	if i := f.refused(); i >= 0 {
		if focus < 0 { // the first refused row, or the email when there is no identifier
			focus = i
		}
		var cmd tea.Cmd
		s.form, cmd = s.form.focusOn(focus)
		return s.refresh(), cmd
	}
	var market string
	if r := f.rows[s.marketRow()]; len(r.options) > 0 {
		market = r.options[r.chosen]
	}
	return s, send(answerMsg{answer: flows.UserDescribed{
		User:        flows.ExternalUser{Email: email, Phone: phone, ReferenceID: ref, Metadata: metadata},
		Market:      market,
		Locale:      f.rows[s.localeRow()].value(),
		Permissions: perms,
	}})
}

// metadata reads the key=value lines, refusing on f the ones that are not a pair or repeat a
// key; nil when there is none.
func (s userScreen) metadata(f form) (map[string]string, form) {
	var out map[string]string
	for i := userMetadata; i <= s.lastPair(); i++ {
		line := f.rows[i].value()
		if line == "" {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		switch _, dup := out[k]; {
		case !ok || k == "":
			f = f.refuse(i, fmt.Sprintf("%q is not a pair: write key=value", line))
		case dup:
			f = f.refuse(i, fmt.Sprintf("%s is given twice: one value a key", k))
		default:
			if out == nil {
				out = map[string]string{}
			}
			out[k] = v
		}
	}
	return out, f
}

// refresh lays the form out again and scrolls the focused row into sight.
func (s userScreen) refresh() userScreen {
	lines, first, last := s.form.lines(s.c.styles)
	s.scroll = s.scroll.setContent(strings.Join(lines, "\n")).show(first, last)
	return s
}

func (s userScreen) view() string {
	st, w := s.c.styles, s.c.width
	content := s.scroll.view() + "\n" + spread("", styled(st.Muted, s.scroll.hint()), w)
	return page(st, w, s.title(), s.intro(), content)
}

// intro says who the session is for, and why an identifier is already there.
func (s userScreen) intro() string {
	if s.prompt.Returning {
		return "A first " + s.prompt.Provider + " data session for the returning user: their identifier is filled in."
	}
	return "Who the " + s.prompt.Provider + " data session is for: give at least an email, a phone or a reference id."
}

func (s userScreen) ShortHelp() []key.Binding {
	k := s.c.keys
	return append(s.form.keysNow(k), withDesc(k.Submit, "continue"), k.NextField, k.Back)
}

func (s userScreen) FullHelp() [][]key.Binding {
	k := s.c.keys
	return [][]key.Binding{{k.NextField, k.PrevField}, {k.Toggle, k.Options}, {withDesc(k.Submit, "continue"), k.Back}}
}
