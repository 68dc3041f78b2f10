package ui

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/flowstest"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers/transcript"
)

// storeStorage shows a keychain.Store in the header; a memory store has nothing to report.
type storeStorage struct{ keychain.Store }

func (s storeStorage) Probe(context.Context) string { return "" }

// recordedJourney records what a real journey asks and what the UI answers.
type recordedJourney struct {
	flows.Journey
	rec *recorder
}

func (j recordedJourney) Run(ctx context.Context, a flows.Asker) (flows.Result, error) {
	return j.Journey.Run(ctx, recordingAsker{Asker: a, rec: j.rec})
}

// TestEndToEndSignupPlus drives the real Signup+ journey against the embedded sandbox with
// keys only: start, accept consent, sign in here as john/doe, pick the second account.
func TestEndToEndSignupPlus(t *testing.T) {
	e := flowstest.NewEmbedded(t)
	var code string // the authorisation code the mock bank sent back
	e.Common.MockBank = func(ctx context.Context, r flows.MockBankSignIn) (string, error) {
		u, err := e.SignIn(ctx, r.AuthLink, r.RedirectURI, r.Username, r.Password, false)
		if parsed, perr := url.Parse(u); perr == nil {
			code = parsed.Query().Get("code")
		}
		return u, err
	}
	store := e.Store
	rec := &recorder{}
	h := startWith(t, storeStorage{store}, recordedJourney{Journey: e.SignupPlus(), rec: rec})

	h.press(enter) // the sandbox offers one bank: straight to consent
	h.waitTitle("Review consent")
	h.press(enter)
	h.waitTitle("Open the auth link")
	h.press(char('s'))
	h.waitTitle("Sign in to the mock bank") // john/doe pre-filled
	h.press(enter)
	h.waitTitle("Choose an account")
	h.press(down, enter)
	h.waitTitle("Connected")
	m := h.final()

	requireKind(t, m, kindResult)
	accounts := rec.last(t, flows.ChooseAccount{}).prompt.(flows.ChooseAccount).Accounts
	if len(accounts) < 2 {
		t.Fatalf("the journey offered %d accounts, want several", len(accounts))
	}
	second := accounts[1].ID
	if got := rec.last(t, flows.ChooseAccount{}).answer; got != (flows.AccountChoice{ID: second}) {
		t.Errorf("account answer = %#v, want the second account %s", got, second)
	}
	res := top(m).(resultScreen).result
	if res.AccountID != second || res.ConnectionID == "" {
		t.Errorf("result has account %q and connection %q, want %s and an id", res.AccountID, res.ConnectionID, second)
	}
	view := screenText(m)
	for _, want := range []string{"Mock (mock)", "✓ complete", "John Doe", second, "memory (this session only)"} {
		if !strings.Contains(view, want) {
			t.Errorf("result view lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(h.output(), "?code=") {
		t.Error("a redirect with its code was written to the terminal")
	}

	// No secret reaches the terminal or the recorded HTTP exchanges kept for the inspector.
	toks, err := e.Tokens(t.Context(), res.ConnectionID)
	if err != nil {
		t.Fatal(err)
	}
	if len(journeyOf(m).run.exchanges) < 6 {
		t.Fatalf("the UI kept %d HTTP exchanges, want every call of the journey", len(journeyOf(m).run.exchanges))
	}
	var entries []transcript.Entry
	for _, x := range journeyOf(m).run.exchanges {
		entries = append(entries, x.entry)
	}
	exchanges, _ := json.Marshal(entries)
	for name, secret := range map[string]string{"client secret": e.SandboxSecret(), "code": code, "access token": toks.AccessToken, "refresh token": toks.RefreshToken} {
		if secret == "" {
			t.Fatalf("test setup: no %s captured", name)
		}
		if strings.Contains(h.output(), secret) || strings.Contains(view, secret) {
			t.Errorf("the %s was written to the terminal", name)
		}
		if strings.Contains(string(exchanges), secret) {
			t.Errorf("the %s is in the recorded HTTP exchanges", name)
		}
	}
}
