package ui

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/providers/transcript"
)

// The secrets of the wire fake: none may reach the screen unless revealed, nor any export.
const (
	wireClientSecret = "sandbox-secret-Q7v2xLmN4pRt"
	wireRefresh      = "refresh-9d8c7b6a5f4e3d2c1b0a"
	wireVerifier     = "verifier-AbCdEf0123456789"
	wireSignature    = "c2lnbmF0dXJlLW9mLXRoZS1zYW5kYm94LWtleQ"
)

// wireAccessToken is the fake TrueLayer access token: a JWT issued two minutes before testNow
// that expires in 58 minutes.
var wireAccessToken = fakeJWT(`{"alg":"HS256","typ":"JWT"}`,
	fmt.Sprintf(`{"iss":"https://auth.truelayer-sandbox.com","sub":"cred-7f3a9c","client_id":"sandbox-linkstep","scope":"info accounts balance offline_access signupplus","iat":%d,"exp":%d}`,
		testNow().Add(-2*time.Minute).Unix(), testNow().Add(58*time.Minute).Unix()),
	wireSignature)

// wireSecrets are every secret the wire fake sends or receives.
func wireSecrets() map[string]string {
	return map[string]string{
		"client secret": wireClientSecret, "code": testCode, "code verifier": wireVerifier,
		"access token": wireAccessToken, "refresh token": wireRefresh, "signature": wireSignature,
	}
}

// fakeJWT builds a compact JWT from its header and payload written as JSON.
func fakeJWT(header, payload, sig string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(header)) + "." + enc.EncodeToString([]byte(payload)) + "." + sig
}

// cannedAnswer is what the fake provider answers to one request.
type cannedAnswer struct {
	status int
	body   string
}

// cannedTransport answers requests by method and path, with JSON, as TrueLayer's sandbox does.
type cannedTransport map[string]cannedAnswer

func (c cannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	ans, ok := c[req.Method+" "+req.URL.Path]
	if !ok {
		ans = cannedAnswer{status: http.StatusNotFound, body: `{"error":"not_found"}`}
	}
	return &http.Response{
		StatusCode: ans.status,
		Header:     http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"req-" + strings.ReplaceAll(req.URL.Path, "/", "-")}},
		Body:       io.NopCloser(strings.NewReader(ans.body)),
		Request:    req,
	}, nil
}

// wireProvider is the fake TrueLayer the wire journey talks to.
func wireProvider() cannedTransport {
	return cannedTransport{
		"GET /api/providers": {200, `[{"provider_id":"mock","display_name":"Mock","country":"uk"}]`},
		"POST /connect/token": {200, `{"access_token":"` + wireAccessToken + `","expires_in":3600,"token_type":"Bearer","refresh_token":"` +
			wireRefresh + `","scope":"info accounts balance offline_access signupplus"}`},
		"GET /data/v1/me":                   {200, `{"results":[{"client_id":"sandbox-linkstep","credentials_id":"cred-7f3a9c","provider":{"provider_id":"mock","display_name":"Mock"}}],"status":"Succeeded"}`},
		"GET /signup-plus/accounts":         {200, `{"result":"multiple_accounts_linked","links":{"acc-001":"/acc-001","acc-002":"/acc-002","acc-003":"/acc-003"}}`},
		"GET /signup-plus/accounts/acc-002": {200, `{"title":"Mr","first_name":"John","last_name":"Doe","date_of_birth":"1979-01-01"}`},
	}
}

// wire makes the wire journey's HTTP calls through the real recorder, with steady times.
type wire struct {
	client *http.Client
	n      int
}

func newWire() *wire {
	rec := transcript.NewRecorder(wireProvider(), transcript.NewRedactor(wireClientSecret))
	return &wire{client: &http.Client{Transport: rec}}
}

// call makes one request; the exchange is told to a with a fixed start and duration, so that
// views of it are the same on every run.
func (w *wire) call(ctx context.Context, a flows.Asker, method, u string, form url.Values, bearer string) error {
	ctx = transcript.WithSink(ctx, func(e transcript.Entry) {
		w.n++
		e.Started = testNow().Add(time.Duration(w.n) * time.Second)
		e.Duration = time.Duration(w.n)*1700*time.Microsecond + 300*time.Microsecond
		a.Tell(flows.HTTPExchange{Entry: e})
	})
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := w.client.Do(req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}

// wireJourney is the fake Signup+ of screens_test.go with the HTTP calls the real one makes,
// each in its step: the banks, the code exchange, the identity, the chosen account.
func wireJourney(s *script) *fakeJourney {
	w := newWire()
	const auth, api = "https://auth.truelayer-sandbox.com", "https://api.truelayer-sandbox.com"
	j := s.journey()
	j.steps = []flows.Step{
		{Title: "Choose a bank", Kind: flows.Question, Run: func(ctx context.Context, a flows.Asker) error {
			if err := w.call(ctx, a, http.MethodGet, auth+"/api/providers?client_id=sandbox-linkstep", nil, ""); err != nil {
				return err
			}
			_, err := a.Ask(ctx, flows.ChooseBank{Banks: testBanks()})
			return err
		}},
		s.ask("Review consent", func() flows.Prompt { return testConsent() }),
		s.signInStep(),
		{Title: "Exchange the code", Kind: flows.Action, Run: func(ctx context.Context, a flows.Asker) error {
			if s.gate != nil {
				select {
				case <-s.gate:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			form := url.Values{
				"grant_type": {"authorization_code"}, "client_id": {"sandbox-linkstep"}, "client_secret": {wireClientSecret},
				"code": {testCode}, "redirect_uri": {testRedirectURI}, "code_verifier": {wireVerifier},
			}
			return w.call(ctx, a, http.MethodPost, auth+"/connect/token", form, "")
		}},
		{Title: "Read the identity", Kind: flows.Action, Run: func(ctx context.Context, a flows.Asker) error {
			if err := w.call(ctx, a, http.MethodGet, api+"/data/v1/me", nil, wireAccessToken); err != nil {
				return err
			}
			return w.call(ctx, a, http.MethodGet, api+"/signup-plus/accounts", nil, wireAccessToken)
		}},
		{Title: "Choose an account", Kind: flows.Question, Run: func(ctx context.Context, a flows.Asker) error {
			ans, err := a.Ask(ctx, flows.ChooseAccount{Accounts: testAccounts(3)})
			if err != nil {
				return err
			}
			return w.call(ctx, a, http.MethodGet, api+"/signup-plus/accounts/"+ans.(flows.AccountChoice).ID, nil, wireAccessToken)
		}},
	}
	return j
}

// startInspecting runs the UI on journeys at width×height with exports going to dir.
func startInspecting(t *testing.T, width, height int, dir string, journeys ...flows.Journey) *harness {
	t.Helper()
	infos, build := built(journeys...)
	m := New(t.Context(), Config{
		Journeys:    infos,
		Journey:     build,
		Environment: "embedded",
		Storage:     fakeStorage{describe: "memory (test)"},
		Version:     "v0.0.0-test",
		Now:         testNow,
		ExportDir:   dir,
		CurlVars: func(transcript.Entry) transcript.CurlVars {
			return transcript.CurlVars{ClientID: "TRUELAYER_CLIENT_ID", ClientSecret: "TRUELAYER_CLIENT_SECRET"}
		},
	})
	m = m.withSpinner(spinner.Spinner{Frames: []string{"◐"}, FPS: 100 * time.Millisecond})
	h := &harness{t: t, tm: teatest.NewTestModel(t, m, teatest.WithInitialTermSize(width, height))}
	h.waitTitle("Choose a journey")
	return h
}

// toWireResult walks the wire journey to its end: bank, consent, sign in, second account.
func (h *harness) toWireResult() {
	h.t.Helper()
	h.toAccounts()
	h.press(down, enter)
	h.waitTitle("Connected")
}

// inspectorOf is the inspector area of m.
func inspectorOf(m Model) inspectorArea { return m.areas.get(areaInspector).(inspectorArea) }
