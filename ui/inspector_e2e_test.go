package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows/flowstest"
)

// TestInspectorEndToEnd runs the real Signup+ journey against the embedded sandbox and opens
// the inspector: every exchange sits under the step that made it, the code exchange is masked
// until revealed, and the access token it returned is decoded.
func TestInspectorEndToEnd(t *testing.T) {
	e := flowstest.NewEmbedded(t)
	h := startWith(t, storeStorage{e.Store}, e.SignupPlus())
	h.press(enter)
	h.waitTitle("Review consent")
	h.press(enter)
	h.waitTitle("Open the auth link")
	h.press(char('s'))
	h.waitTitle("Sign in to the mock bank")
	h.press(enter)
	h.waitTitle("Choose an account")
	h.press(char('i'))
	h.waitTitle("HTTP inspector")
	m := h.final()

	ins := inspectorOf(m)
	if len(ins.exchanges) != journeyOf(m).run.exchangeCount || len(ins.exchanges) < 6 {
		t.Fatalf("the pane lists %d exchanges of the run's %d", len(ins.exchanges), journeyOf(m).run.exchangeCount)
	}
	stepOf := map[string]string{}
	for _, x := range ins.exchanges {
		if x.step == "" {
			t.Errorf("%s %s is under no step", x.entry.Method, x.entry.URL)
		}
		stepOf[x.entry.Method+" "+x.entry.URL[strings.LastIndex(x.entry.URL, "/truelayer/"):]] = x.step
	}
	for call, step := range map[string]string{
		"GET /truelayer/auth/api/providers?client_id=sandbox-linkstep": "Choose a bank",
		"POST /truelayer/auth/connect/token":                           "Exchange the code",
		"GET /truelayer/api/signup-plus/accounts":                      "Read the identity",
	} {
		if stepOf[call] != step {
			t.Errorf("%s is under %q, want %q (all: %v)", call, stepOf[call], step, stepOf)
		}
	}
	view := screenText(m)
	for _, want := range []string{"Choose a bank", "Sign in at the bank", "Exchange the code", "Read the identity"} {
		if !strings.Contains(view, want) {
			t.Errorf("the pane lacks the step %q:\n%s", want, view)
		}
	}

	for _, x := range ins.exchanges {
		if !strings.HasSuffix(x.entry.URL, "/connect/token") {
			continue
		}
		masked := ansi.Strip(exchangeDetail(m.com.styles, m.com.mask, 80, x, false, testNow()))
		revealed := strings.ReplaceAll(ansi.Strip(exchangeDetail(m.com.styles, m.com.mask, 80, x, true, testNow())), "\n", "")
		if strings.Contains(masked, e.SandboxSecret()) || !strings.Contains(revealed, e.SandboxSecret()) {
			t.Errorf("the client secret is shown masked=%v, revealed=%v; want only once revealed",
				strings.Contains(masked, e.SandboxSecret()), strings.Contains(revealed, e.SandboxSecret()))
		}
		if !strings.Contains(masked, "JWT in the response body · access_token") || !strings.Contains(masked, "expires in") {
			t.Errorf("the access token is not decoded:\n%s", masked)
		}
	}
}
