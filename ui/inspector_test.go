package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/linkstep/linkstep/providers/transcript"
)

var up = tea.KeyPressMsg{Code: tea.KeyUp}

// toTokenExchange opens the inspector after the wire journey and selects the code exchange.
func (h *harness) toTokenExchange() {
	h.t.Helper()
	h.toWireResult()
	h.press(char('i'))
	h.waitTitle("HTTP inspector")
	h.press(up, up, up) // from the chosen account's identity back to POST /connect/token
}

// TestInspectorScreens renders the inspector after a Signup+ run and compares it to
// testdata/TestInspectorScreens/*.golden (go test ./ui/ -run TestInspectorScreens -update).
func TestInspectorScreens(t *testing.T) {
	tests := []struct {
		name          string
		width, height int
		drive         func(h *harness)
	}{
		{"signup-plus", 100, 30, (*harness).toTokenExchange},
		{"signup-plus-jwt", 100, 30, func(h *harness) { h.toTokenExchange(); h.press(pgdown) }},
		{"narrow-list", 60, 16, (*harness).toTokenExchange},
		{"narrow-detail", 60, 16, func(h *harness) { h.toTokenExchange(); h.press(tab) }},
		{"empty", 60, 16, func(h *harness) { h.press(char('i')); h.waitTitle("HTTP inspector") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := startInspecting(t, tt.width, tt.height, t.TempDir(), wireJourney(&script{}), otherJourney())
			tt.drive(h)
			m := h.final()
			if m.areas.active != areaInspector {
				t.Fatalf("active area is %s, want the inspector", m.areas.active)
			}
			view := screenText(m)
			golden.RequireEqual(t, []byte(view))
			for name, secret := range wireSecrets() {
				if strings.Contains(view, secret) {
					t.Errorf("the %s is on screen without a reveal", name)
				}
			}
		})
	}
}

// TestInspectorListsEveryExchangeUnderItsStep checks the grouping against what the journey did.
func TestInspectorListsEveryExchangeUnderItsStep(t *testing.T) {
	h := startInspecting(t, 100, 30, t.TempDir(), wireJourney(&script{}))
	h.toTokenExchange()
	m := h.final()
	got := map[string][]string{}
	for _, x := range inspectorOf(m).exchanges {
		got[x.step] = append(got[x.step], x.entry.Method+" "+hostPath(x.entry.URL))
	}
	want := map[string][]string{
		"Choose a bank":     {"GET auth.truelayer-sandbox.com/api/providers"},
		"Exchange the code": {"POST auth.truelayer-sandbox.com/connect/token"},
		"Read the identity": {"GET api.truelayer-sandbox.com/data/v1/me", "GET api.truelayer-sandbox.com/signup-plus/accounts"},
		"Choose an account": {"GET api.truelayer-sandbox.com/signup-plus/accounts/acc-002"},
	}
	if len(got) != len(want) {
		t.Errorf("steps with exchanges = %v, want %v", got, want)
	}
	for step, calls := range want {
		if strings.Join(got[step], ", ") != strings.Join(calls, ", ") {
			t.Errorf("under %q: %v, want %v", step, got[step], calls)
		}
	}
}

func TestInspectorReveal(t *testing.T) {
	t.Run("r asks first and shows nothing until answered", func(t *testing.T) {
		h := startInspecting(t, 100, 30, t.TempDir(), wireJourney(&script{}))
		h.toTokenExchange()
		h.press(char('r'))
		h.waitText("y/n")
		m := h.final()
		requireMasked(t, m)
		if !strings.Contains(screenText(m), revealQuestion) {
			t.Errorf("the question is not shown:\n%s", screenText(m))
		}
	})
	t.Run("n keeps the secrets masked", func(t *testing.T) {
		h := startInspecting(t, 100, 30, t.TempDir(), wireJourney(&script{}))
		h.toTokenExchange()
		h.press(char('r'))
		h.waitText("y/n")
		h.press(char('n'))
		h.waitText("stay masked")
		requireMasked(t, h.final())
	})
	t.Run("y shows them, in the pane only", func(t *testing.T) {
		h := startInspecting(t, 100, 30, t.TempDir(), wireJourney(&script{}))
		h.toTokenExchange()
		h.press(char('r'))
		h.waitText("y/n")
		h.press(char('y'))
		h.waitText("secrets shown")
		m := h.final()
		view := screenText(m)
		for _, secret := range []string{wireClientSecret, testCode, wireVerifier} {
			if !strings.Contains(view, secret) {
				t.Errorf("revealed view lacks %q:\n%s", secret, view)
			}
		}
	})
	t.Run("choosing another exchange masks them again", func(t *testing.T) {
		h := startInspecting(t, 100, 30, t.TempDir(), wireJourney(&script{}))
		h.toTokenExchange()
		h.press(char('r'), char('y'))
		h.waitText("secrets shown")
		h.press(up, down)
		h.waitText("reveals")
		requireMasked(t, h.final())
	})
	t.Run("closing the pane masks them again", func(t *testing.T) {
		h := startInspecting(t, 100, 30, t.TempDir(), wireJourney(&script{}))
		h.toTokenExchange()
		h.press(char('r'), char('y'))
		h.waitText("secrets shown")
		h.press(esc)
		h.waitTitle("Connected")
		h.press(char('i'))
		h.waitTitle("HTTP inspector")
		requireMasked(t, h.final())
	})
}

// requireMasked fails when the inspector shows a secret or says it does.
func requireMasked(t *testing.T, m Model) {
	t.Helper()
	view := screenText(m)
	for name, secret := range wireSecrets() {
		if strings.Contains(view, secret) {
			t.Errorf("the %s is on screen:\n%s", name, view)
		}
	}
	if inspectorOf(m).revealed || !strings.Contains(view, "masked · r reveals") {
		t.Errorf("the pane is not masked:\n%s", view)
	}
}

// TestInspectorExportsStayRedacted reveals the code exchange, then copies it as curl and
// saves the HAR file: neither carries a secret.
func TestInspectorExportsStayRedacted(t *testing.T) {
	dir := t.TempDir()
	h := startInspecting(t, 100, 30, dir, wireJourney(&script{}))
	h.toTokenExchange()
	h.press(char('r'), char('y'))
	h.waitText("secrets shown")

	h.press(char('c'))
	h.waitText("copied as curl")
	h.press(char('s'))
	h.waitText("saved to")
	m := h.final()
	x, _ := inspectorOf(m).current()
	wantCurl, _ := transcript.CurlWithVars(x.entry, transcript.CurlVars{ClientID: "TRUELAYER_CLIENT_ID", ClientSecret: "TRUELAYER_CLIENT_SECRET"})
	if !strings.Contains(h.output(), ansi.SetSystemClipboard(wantCurl)) {
		t.Errorf("the clipboard did not get the curl command of the code exchange:\n%s", wantCurl)
	}
	for _, v := range []string{`=$TRUELAYER_CLIENT_SECRET"`, `=$CODE"`, `=$CODE_VERIFIER"`} {
		if !strings.Contains(wantCurl, v) {
			t.Errorf("the copied command lacks %s:\n%s", v, wantCurl)
		}
	}
	path := filepath.Join(dir, "linkstep-truelayer-signup-plus-20251122-145400.har")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no HAR file: %v", err)
	}
	var har transcript.HAR
	if err := json.Unmarshal(b, &har); err != nil || har.Log.Version != "1.2" || len(har.Log.Entries) != 5 {
		t.Fatalf("HAR: %v, version %q, %d entries; want 1.2 with the run's 5", err, har.Log.Version, len(har.Log.Entries))
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("HAR file mode = %v (%v), want 0600", fi.Mode().Perm(), err)
	}
	for name, secret := range wireSecrets() {
		if strings.Contains(wantCurl, secret) {
			t.Errorf("the copied curl command holds the %s", name)
		}
		if strings.Contains(string(b), secret) {
			t.Errorf("the HAR file holds the %s", name)
		}
	}
	if !strings.Contains(screenText(m), "5 exchanges, redacted, saved to") {
		t.Errorf("the pane does not say where the HAR went:\n%s", screenText(m))
	}
}

// TestInspectorWhileTheJourneyRuns opens the pane while a step works: the exchange it makes
// arrives in the pane, and esc returns to the journey where it now is.
func TestInspectorWhileTheJourneyRuns(t *testing.T) {
	s := &script{gate: make(chan struct{})}
	h := startInspecting(t, 100, 30, t.TempDir(), wireJourney(s))
	h.toSignIn()
	h.press(enter)
	h.waitTitle("Working")
	h.press(char('i'))
	h.waitTitle("HTTP inspector")
	close(s.gate)
	h.waitText("accounts") // the code exchange and the identity's calls arrived in the open pane
	h.press(esc)
	h.waitTitle("Choose an account")
	m := h.final()
	if m.areas.active != areaJourney {
		t.Fatalf("active area is %s, want the journey", m.areas.active)
	}
	requireKind(t, m, kindAccounts)
	if !strings.Contains(screenText(m), "4 HTTP exchanges · i") {
		t.Errorf("the counter does not name the key:\n%s", screenText(m))
	}
}
