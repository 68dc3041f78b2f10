package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// identityScreen shows what an identity journey verified (flows.Result.Identity): the identity
// card, scrollable when it is taller than the body, or on t the ID token's claims decoded. o
// opens the saved PDF report with the system's viewer; enter or n starts a new journey.
type identityScreen struct {
	c       common
	journey string // the journey's title
	result  flows.Result
	claims  bool   // the ID token's claims are shown instead of the card
	note    string // what opening the report did
	noteBad bool
	scroll  scroller
}

func newIdentityScreen(c common, journey string, r flows.Result) identityScreen {
	s := identityScreen{journey: journey, result: r, scroll: newScroller(c.keys)}
	return s.resize(c).(identityScreen)
}

func (s identityScreen) kind() screenKind { return kindIdentity }
func (s identityScreen) typing() bool     { return false }

// ownsBack reports whether esc closes the ID token's claims rather than going back.
func (s identityScreen) ownsBack() bool { return s.claims }

func (s identityScreen) title() string {
	if s.claims {
		return "ID token claims"
	}
	return "Identity verified"
}

func (s identityScreen) resize(c common) screen {
	s.c = c
	s.scroll = s.scroll.resize(c.width, c.height-headLines(c.width, s.intro())-scrollHintLines)
	return s.refresh()
}

// refresh lays out what is shown to the width.
func (s identityScreen) refresh() identityScreen {
	st, w := s.c.styles, s.c.width
	if s.claims {
		s.scroll = s.scroll.setContent(claimsText(st, w, s.c.mask.claims(s.result.Identity.IDTokenClaims)))
	} else {
		s.scroll = s.scroll.setContent(identityCard(st, s.c.mask, w, s.c.height-headLines(s.c.width, s.intro())-scrollHintLines, s.c.now(), s.journey, s.result))
	}
	return s
}

func (s identityScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case linkOpenedMsg:
		if msg.err != nil {
			s.note, s.noteBad = "could not open the report ("+msg.err.Error()+")", true
		} else {
			s.note, s.noteBad = "opened the report in your viewer", false
		}
		return s, nil
	case tea.KeyPressMsg:
		return s.onKey(msg)
	}
	return s, nil
}

func (s identityScreen) onKey(k tea.KeyPressMsg) (screen, tea.Cmd) {
	keys := s.c.keys
	switch {
	case key.Matches(k, keys.Claims), s.claims && key.Matches(k, keys.Back):
		s.claims = !s.claims
		s.scroll = s.scroll.top()
		return s.resize(s.c), nil // the introduction changes: so may the room under it
	case key.Matches(k, keys.Report) && s.report() != "":
		s.note, s.noteBad = "opening the report…", false
		return s, send(openLinkMsg{url: s.report()})
	case key.Matches(k, keys.New):
		return s, send(newJourneyMsg{})
	}
	s.scroll, _ = s.scroll.update(k)
	return s, nil
}

// report is the saved PDF report's path, or "".
func (s identityScreen) report() string { return s.result.Identity.ReportPath }

func (s identityScreen) view() string {
	st, w := s.c.styles, s.c.width
	note := styled(st.Note, s.note)
	if s.noteBad {
		note = styled(st.Error, s.note)
	}
	content := s.scroll.view() + "\n" + spread(note, styled(st.Muted, s.scroll.hint()), w)
	return page(st, w, s.title(), s.intro(), content)
}

// intro says what is shown: the identity or the ID token's claims.
func (s identityScreen) intro() string {
	if s.claims {
		return "The verified ID token's claims, decoded; t or esc goes back to the identity."
	}
	return "What the bank verified, beside what the user typed: every difference is marked."
}

func (s identityScreen) ShortHelp() []key.Binding {
	k := s.c.keys
	var b []key.Binding
	if s.scroll.overflows() {
		b = append(b, k.Scroll)
	}
	if s.claims {
		return append(b, withDesc(k.Claims, "back to the identity"))
	}
	if s.report() != "" {
		b = append(b, k.Report)
	}
	return append(b, k.Claims, k.New)
}

func (s identityScreen) FullHelp() [][]key.Binding {
	k := s.c.keys
	scroll := []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown}
	if s.claims {
		return [][]key.Binding{scroll, {withDesc(k.Claims, "back to the identity"), withDesc(k.Back, "back to the identity")}}
	}
	var actions []key.Binding
	if s.report() != "" {
		actions = append(actions, k.Report)
	}
	actions = append(actions, k.Claims)
	return [][]key.Binding{scroll, actions, {k.New, withDesc(k.Back, "journeys")}}
}
