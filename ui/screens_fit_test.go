package ui

import (
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/linkstep/linkstep/flows"
)

// fitCase is one screen, reached the way a user reaches it.
type fitCase struct {
	name   string
	launch func(t *testing.T) *harness // the UI, at 100×30, on its first screen
	drive  func(h *harness)
	kind   screenKind
	home   bool // the screen is the connections home's
}

// onScript starts the UI on the scripted TrueLayer journey and another one.
func onScript(t *testing.T) *harness { return start(t, (&script{}).journey(), otherJourney()) }

// onIdentity starts the UI on the scripted OneID journey.
func onIdentity(t *testing.T) *harness {
	return start(t, (&identityScript{}).journey(), (&script{}).journey())
}

// onHome starts the UI on the connections home with seven connections.
func onHome(t *testing.T) *harness {
	h := launchHome(t, homeSetup{manager: newHomeManager()})
	h.waitText("7 connections")
	return h
}

// fitCases reaches one screen of every kind.
func fitCases() []fitCase {
	failing := func(t *testing.T) *harness {
		s := &script{failures: 1}
		return start(t, s.journey())
	}
	working := func(t *testing.T) *harness {
		s := &script{gate: make(chan struct{})}
		t.Cleanup(func() { close(s.gate) })
		return start(t, s.journey())
	}
	on := func(j func() *promptJourney) func(t *testing.T) *harness {
		return func(t *testing.T) *harness { return start(t, j()) }
	}
	ivy := on(func() *promptJourney { return ivySessionJourney(testDescribeUser(flows.ExternalUser{})) })
	returning := func(served bool) func(t *testing.T) *harness {
		return on(func() *promptJourney { return returningJourney(served) })
	}
	extend := on(func() *promptJourney { return extendJourney(testConnections()) })
	identify := func(h *harness) {
		h.press(enter)
		h.waitTitle("Identify the returning user")
		h.typeText("max@example.com")
	}
	return []fitCase{
		{name: "picker", launch: onScript, drive: func(*harness) {}, kind: kindPicker},
		{name: "home", launch: onHome, drive: func(*harness) {}, kind: kindHome, home: true},
		{name: "connection", launch: onHome, kind: kindConnection, home: true,
			drive: func(h *harness) { h.toHomeRow(2); h.press(enter); h.waitText("read again") }},
		{name: "forget", launch: onHome, kind: kindForget, home: true,
			drive: func(h *harness) { h.toHomeRow(2); h.press(char('f')); h.waitTitle("Forget this connection?") }},
		{name: "bank", launch: onScript, drive: (*harness).toBank, kind: kindBank},
		{name: "consent", launch: onScript, drive: (*harness).toConsent, kind: kindConsent},
		{name: "authlink", launch: onScript, drive: (*harness).toAuthLink, kind: kindAuthLink},
		{name: "authlink-paste", launch: onScript, kind: kindAuthLink,
			drive: func(h *harness) { h.toAuthLink(); h.press(char('p')); h.typeText("http://127.0.0.1/cb?code=x") }},
		{name: "signin", launch: onScript, drive: (*harness).toSignIn, kind: kindSignIn},
		{name: "working", launch: working, kind: kindWorking,
			drive: func(h *harness) { h.toSignIn(); h.press(enter); h.waitText("exchanging") }},
		{name: "accounts", launch: onScript, drive: (*harness).toAccounts, kind: kindAccounts},
		{name: "result", launch: onScript, kind: kindResult,
			drive: func(h *harness) { h.toAccounts(); h.press(down, enter); h.waitTitle("Connected") }},
		{name: "failure", launch: failing, kind: kindFailure,
			drive: func(h *harness) { h.toSignIn(); h.press(enter); h.waitTitle("Step failed") }},
		{name: "scopes", launch: onIdentity, drive: (*harness).toScopes, kind: kindScopes},
		{name: "issuer", kind: kindIssuer,
			launch: func(t *testing.T) *harness { return start(t, (&identityScript{anyIssuer: true}).journey()) },
			drive:  func(h *harness) { h.press(enter); h.waitTitle("Connect an OpenID provider") }},
		{name: "signin-as", launch: onIdentity, drive: (*harness).toSignInAs, kind: kindSignInAs},
		{name: "identity", launch: onIdentity, drive: (*harness).toJanet, kind: kindIdentity},
		{name: "user", launch: ivy, drive: (*harness).toUserForm, kind: kindUser},
		{name: "identify", launch: returning(false), drive: identify, kind: kindIdentify},
		{name: "offer", launch: returning(true), kind: kindOffer,
			drive: func(h *harness) { identify(h); h.press(enter); h.waitTitle("No completed session") }},
		{name: "returning-user", launch: returning(false), kind: kindReturning,
			drive: func(h *harness) { identify(h); h.press(enter); h.waitTitle("Returning user served") }},
		{name: "connections", launch: extend, kind: kindConnections,
			drive: func(h *harness) { h.press(enter); h.waitTitle("Choose a connection to extend") }},
		{name: "reconfirm", launch: extend, drive: (*harness).toReconfirm, kind: kindReconfirm},
	}
}

// TestScreensFit renders a screen of every kind at the smallest size, 60×16
// (testdata/TestScreensFit/*.golden), and pages to its end: the last line of what the screen
// has to show comes into sight and nothing is left below. The footer keeps "? more keys".
func TestScreensFit(t *testing.T) {
	seen := map[screenKind]bool{}
	for _, tt := range fitCases() {
		seen[tt.kind] = true
		t.Run(tt.name, func(t *testing.T) {
			h := tt.launch(t)
			h.tm.Send(tea.WindowSizeMsg{Width: minWidth, Height: minHeight})
			tt.drive(h)
			m := h.final()
			requireFitKind(t, m, tt)
			golden.RequireEqual(t, []byte(screenText(m)))
			if keys := lastLine(screenText(m)); !m.areas.current().typing() && !strings.HasSuffix(keys, "? more keys") {
				t.Errorf("the footer lost \"? more keys\": %q", keys)
			}
			end := pageToEnd(m)
			text := screenText(end)
			if below.MatchString(text) {
				t.Errorf("after paging to the end something is still below:\n%s", text)
			}
			if last := lastLine(ansi.Strip(end.areas.current().view())); !strings.Contains(text, last) {
				t.Errorf("after paging to the end the last line %q is not in sight:\n%s", last, text)
			}
		})
	}
	for k := kindPicker; k <= kindReturning; k++ {
		if !seen[k] {
			t.Errorf("no 60×16 golden of a %s screen", k)
		}
	}
}

// below matches a scroll hint that says something is below what is in sight.
var below = regexp.MustCompile(`↓ \d+ more line`)

// requireFitKind fails unless the active screen is the case's.
func requireFitKind(t *testing.T, m Model, tt fitCase) {
	t.Helper()
	if tt.home {
		requireHome(t, m, tt.kind)
		return
	}
	requireKind(t, m, tt.kind)
}

// pageToEnd presses page down until the view no longer changes.
func pageToEnd(m Model) Model {
	for range 40 {
		before := screenText(m)
		next, _ := m.Update(pgdown)
		m = next.(Model)
		if screenText(m) == before {
			break
		}
	}
	return m
}

// lastLine is the last line of s that is not blank, without its blanks.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, " \n"), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// TestScreensWide renders a few screens on a wide terminal, 200×50
// (testdata/TestScreensWide/*.golden): the header, the body and the footer stand in a column
// maxWidth wide in the middle; only the step rail stands left of it, in the margin.
func TestScreensWide(t *testing.T) {
	const width, height = 200, 50
	for _, tt := range fitCases() {
		switch tt.name {
		case "picker", "consent", "authlink":
		default:
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			h := tt.launch(t)
			h.tm.Send(tea.WindowSizeMsg{Width: width, Height: height})
			tt.drive(h)
			m := h.final()
			requireFitKind(t, m, tt)
			text := screenText(m)
			golden.RequireEqual(t, []byte(text))
			left := (width - maxWidth) / 2
			rule := strings.Repeat(" ", left) + strings.Repeat("─", maxWidth)
			if !strings.Contains(text, rule+"\n") {
				t.Errorf("the header's rule is not %d wide and %d from the left:\n%s", maxWidth, left, text)
			}
			railEdge := "│" + strings.Repeat(" ", railGap)
			for i, l := range strings.Split(text, "\n") {
				if r := []rune(l); len(r) > left && strings.HasSuffix(string(r[:left]), railEdge) {
					l = strings.Repeat(" ", left) + string(r[left:]) // the step rail, in the margin
				}
				if strings.TrimSpace(l) != "" && len(l)-len(strings.TrimLeft(l, " ")) < left {
					t.Errorf("line %d starts left of the column: %q", i+1, l)
				}
				if w := ansi.StringWidth(l); w > left+maxWidth {
					t.Errorf("line %d runs right of the column (%d cells): %q", i+1, w, l)
				}
			}
		})
	}
}
