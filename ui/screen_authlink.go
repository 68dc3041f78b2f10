package ui

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/oauthlink"
)

// authLinkScreen shows flows.OpenAuthLink: the link, where the redirect is awaited, and the
// ways to finish: open the browser, copy the link, paste the redirect, or (in the embedded
// sandbox) sign in here.
type authLinkScreen struct {
	c       common
	prompt  flows.OpenAuthLink
	pasting bool
	input   textinput.Model // the pasted redirect; always masked
	inErr   string          // why the pasted redirect was refused
	note    string          // what the last action did
	noteBad bool
	full    bool // the full link is shown: a copy reached no clipboard for sure
}

func newAuthLinkScreen(c common, p flows.OpenAuthLink) authLinkScreen {
	in := textinput.New()
	in.Prompt = "> "
	in.Placeholder = "the redirect URL, or the bare code"
	in.EchoMode = textinput.EchoPassword
	in.EchoCharacter = '•'
	in.CharLimit = 8192
	return authLinkScreen{c: c, prompt: p, input: in}.resize(c).(authLinkScreen)
}

func (s authLinkScreen) kind() screenKind { return kindAuthLink }
func (s authLinkScreen) title() string    { return "Open the auth link" }
func (s authLinkScreen) typing() bool     { return s.pasting }
func (s authLinkScreen) ownsBack() bool   { return s.pasting }

func (s authLinkScreen) resize(c common) screen {
	s.c = c
	s.input.SetStyles(c.styles.Input)
	s.input.SetWidth(max(10, c.width-8))
	return s
}

func (s authLinkScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case linkOpenedMsg:
		if msg.err != nil {
			s.note, s.noteBad = "could not open a browser ("+msg.err.Error()+"): copy the link instead", true
		} else {
			s.note, s.noteBad = "opened in your browser", false
		}
		return s, nil
	case copiedMsg:
		s.note, s.noteBad = copiedText(msg), msg.system != nil && msg.osc52 != osc52Likely
		s.full = msg.system != nil
		return s, nil
	case tea.PasteMsg:
		if !s.pasting {
			s.pasting = true
			s.inErr = ""
			cmd := s.input.Focus()
			var cmd2 tea.Cmd
			s.input, cmd2 = s.input.Update(msg)
			return s, tea.Batch(cmd, cmd2)
		}
	case tea.KeyPressMsg:
		if s.pasting {
			return s.updatePasting(msg)
		}
		return s.updateKeys(msg)
	}
	if s.pasting {
		var cmd tea.Cmd
		s.input, cmd = s.input.Update(msg)
		return s, cmd
	}
	return s, nil
}

func (s authLinkScreen) updateKeys(k tea.KeyPressMsg) (screen, tea.Cmd) {
	keys := s.c.keys
	switch {
	case key.Matches(k, keys.Open):
		s.note, s.noteBad = "opening your browser…", false
		return s, send(openLinkMsg{url: s.prompt.URL})
	case key.Matches(k, keys.Copy):
		s.note, s.noteBad = "copying…", false
		return s, send(copyLinkMsg{text: s.prompt.URL})
	case key.Matches(k, keys.Paste):
		s.pasting = true
		s.inErr = ""
		return s, s.input.Focus()
	case key.Matches(k, keys.SignIn) && s.prompt.SignIn != nil:
		return s, send(showSignInMsg{})
	}
	return s, nil
}

func (s authLinkScreen) updatePasting(k tea.KeyPressMsg) (screen, tea.Cmd) {
	keys := s.c.keys
	switch {
	case key.Matches(k, keys.CancelEdit):
		s.pasting = false
		s.input.Blur()
		return s, nil
	case key.Matches(k, keys.Submit):
		value := s.input.Value()
		if err := s.checkPaste(value); err != nil {
			s.inErr = describe(err) // the link stays: fix the paste, or finish another way
			return s, nil
		}
		s.inErr = ""
		return s, send(answerMsg{answer: flows.RedirectReceived{Input: value}})
	}
	before := s.input.Value()
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(k)
	if s.input.Value() != before {
		s.inErr = "" // the input changed: the old complaint no longer applies
	}
	return s, cmd
}

// checkPaste refuses, before the journey sees it, a paste that cannot answer the link: one that
// does not read as a redirect or a code, or a redirect of another auth link.
func (s authLinkScreen) checkPaste(value string) error {
	if s.prompt.CheckPaste != nil {
		return s.prompt.CheckPaste(value)
	}
	_, err := oauthlink.ParseRedirect(value)
	return err
}

func (s authLinkScreen) view() string {
	st, w := s.c.styles, s.c.width
	var b strings.Builder

	b.WriteString("  " + st.Link.Hyperlink(s.prompt.URL).Render(truncate(shortLink(s.prompt.URL), max(10, w-2))) + "\n")
	b.WriteString(st.Muted.Render(truncate("  c copies the full link, o opens it (or click it)", w)) + "\n")
	if note := s.noteText(); note != "" {
		b.WriteString(note + "\n") // under the link it is about, in sight on the smallest window
	}
	b.WriteString("\n")
	b.WriteString(s.waitingLine() + "\n\n")

	hints := []string{keyHint(st, "o", "open in browser"), keyHint(st, "c", "copy link"), keyHint(st, "p", "paste the redirect")}
	if s.prompt.SignIn != nil {
		hints = append(hints, keyHint(st, "s", "sign in here (sandbox)"))
	}
	b.WriteString(hintRows(w, hints...))
	if s.full {
		b.WriteString("\n\n")
		b.WriteString(s.fullLink())
	}
	if s.pasting {
		b.WriteString("\n\n")
		b.WriteString(s.pasteBox())
	}
	return page(st, w, s.title(), authLinkIntro, b.String())
}

// authLinkIntro says how the auth link screen ends.
const authLinkIntro = "Finish at the bank; linkstep takes the redirect from whichever way comes first."

// noteText is what the last action did, wrapped to the width; "" for nothing.
func (s authLinkScreen) noteText() string {
	st, w := s.c.styles, s.c.width
	switch {
	case s.note == "":
		return ""
	case s.noteBad:
		return st.Error.Render(ansi.Wrap(s.note, max(10, w), " "))
	default:
		return st.Note.Render(ansi.Wrap(s.note, max(10, w), " "))
	}
}

// focusLines is the paste box while it is open: it comes last, and must be in sight to type in.
func (s authLinkScreen) focusLines() (first, last int, ok bool) {
	if !s.pasting {
		return 0, 0, false
	}
	total, box := lineCount(s.view()), lineCount(s.pasteBox())
	return total - box, total - 1, true
}

// waitingLine says where the redirect is awaited and until when.
func (s authLinkScreen) waitingLine() string {
	st, p := s.c.styles, s.prompt
	if !p.Listening {
		return st.Muted.Render(ansi.Wrap("The bank redirects to "+p.RedirectURI+": paste that address here (p) when you get there.", max(10, s.c.width), " "))
	}
	line := "waiting on " + p.RedirectURI
	if !p.Expires.IsZero() {
		line += " · times out at " + p.Expires.Format("15:04")
		if left := p.Expires.Sub(s.c.now()); left > 0 {
			line += " (" + untilText(left) + ")"
		}
	}
	out := st.Muted.Render(ansi.Wrap(line, max(10, s.c.width), " "))
	if p.SelfSigned {
		out += "\n" + st.Muted.Render(ansi.Wrap(selfSignedNote, max(10, s.c.width), " "))
	}
	return out
}

// selfSignedNote explains the browser's warning about the https loopback listener.
const selfSignedNote = "your browser will warn about linkstep's own certificate: accept it for 127.0.0.1 to finish"

// untilText says how long is left in words: "in 10 min".
func untilText(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "in under a minute"
	case d < 2*time.Hour:
		return fmt.Sprintf("in %d min", int(d.Round(time.Minute)/time.Minute))
	default:
		return fmt.Sprintf("in %d h", int(d.Round(time.Hour)/time.Hour))
	}
}

// pasteBox is the framed input for the redirect, with a masked preview and any complaint.
func (s authLinkScreen) pasteBox() string {
	st := s.c.styles
	inner := max(10, s.c.width-4)
	lines := []string{
		st.Section.Render("Paste the redirect URL or the code") + st.Muted.Render("  (it stays masked)"),
		s.input.View(),
	}
	if preview := redactRedirect(s.input.Value()); preview != "" {
		lines = append(lines, st.Muted.Render(truncate("reads as: "+preview, inner)))
	}
	if s.inErr != "" {
		lines = append(lines, st.Error.Render(ansi.Wrap(s.inErr, inner, " ")))
	}
	return st.Panel.Width(s.c.width).Render(strings.Join(lines, "\n"))
}

func (s authLinkScreen) ShortHelp() []key.Binding {
	k := s.c.keys
	if s.pasting {
		return []key.Binding{k.Submit, k.CancelEdit}
	}
	b := []key.Binding{k.Open, k.Copy, k.Paste}
	if s.prompt.SignIn != nil {
		b = append(b, k.SignIn)
	}
	return append(b, k.Back)
}

func (s authLinkScreen) FullHelp() [][]key.Binding {
	k := s.c.keys
	if s.pasting {
		return [][]key.Binding{{k.Submit, k.CancelEdit}}
	}
	actions := []key.Binding{k.Open, k.Copy, k.Paste}
	if s.prompt.SignIn != nil {
		actions = append(actions, k.SignIn)
	}
	return [][]key.Binding{actions, {k.Back}}
}

// fullLink is the whole auth link, for when no clipboard took it: cut into lines of the width,
// the only place the link is ever wrapped.
func (s authLinkScreen) fullLink() string {
	st, w := s.c.styles, s.c.width
	return st.Section.Render("The full link") + "\n" + st.Value.Render(ansi.Hardwrap(s.prompt.URL, max(10, w), false))
}

// shortLink is the display form of an auth link: its host and path, and "…" for the rest.
func shortLink(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	short := u.Host + u.EscapedPath()
	if u.RawQuery != "" || u.Fragment != "" {
		short += "…"
	}
	return short
}
