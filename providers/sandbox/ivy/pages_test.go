package ivy

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/browser"
)

// TestWalkingTheHostedPages walks a session's pages as browser.SignIn does, and checks where
// the browser is sent and what the session became.
func TestWalkingTheHostedPages(t *testing.T) {
	tests := []struct {
		name, username, password string
		decline                  bool
		wantPath                 string // /callback/success or /callback/error
		wantError                string // the error parameter of the error callback
		wantStatus               string // the session's status afterwards
	}{
		{"john/doe allows", "john", "doe", false, "/callback/success", "", "closed"},
		{"john2/doe2 allows", "john2", "doe2", false, "/callback/success", "", "closed"},
		{"john/doe declines", "john", "doe", true, "/callback/error", "consent_declined", "closed"},
		{"an error user", "error.account_temporarily_locked", "error", false, "/callback/error", "account_temporarily_locked", "closed"},
		{"another error user", "error.internal_error", "error", false, "/callback/error", "internal_error", "closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			s := e.create(nil)
			got, err := e.walk(s["redirectUrl"].(string), tt.username, tt.password, tt.decline)
			if err != nil {
				t.Fatalf("walk: %v", err)
			}
			u, err := url.Parse(got)
			if err != nil || u.Scheme+"://"+u.Host != "http://127.0.0.1:53682" || u.Path != tt.wantPath {
				t.Fatalf("the pages sent the browser to %s, want %s", got, tt.wantPath)
			}
			q := u.Query()
			if q.Get("state") != testState || q.Get("sessionId") != s["id"] || q.Get("error") != tt.wantError {
				t.Fatalf("callback query %v: want the client's state, the sessionId and error %q", q, tt.wantError)
			}
			if tt.wantError != "" && q.Get("message") == "" {
				t.Errorf("the error callback has no message: %v", q)
			}
			_, details := e.call(pathDetails, map[string]any{"id": s["id"]})
			if details["status"] != tt.wantStatus {
				t.Errorf("status %v, want %s", details["status"], tt.wantStatus)
			}
			if (tt.wantError != "") != (details["error"] != nil) {
				t.Errorf("details error %v", details["error"])
			}
		})
	}
}

func TestHostedPagesBankChoice(t *testing.T) {
	banks := []Bank{MockBank(), {ID: "sparkasse", Name: "Sparkasse"}}
	tests := []struct {
		name       string
		extra      map[string]any
		bankID     string
		wantBank   string
		wantPages  []string // paths below the session that must be visited
		skipPages  []string // and those that must not
		wantErrMsg string
	}{
		{"chosen", nil, "sparkasse", "Sparkasse", []string{"/bank", "/login", "/consent"}, nil, ""},
		{"none chosen of two", nil, "", "", nil, nil, "several banks (mock, sparkasse)"},
		{"prefilled, still offered", map[string]any{"prefill": map[string]any{"bankId": "sparkasse"}}, "sparkasse", "Sparkasse",
			[]string{"/bank"}, nil, ""},
		{"prefilled with the choice disabled", map[string]any{"prefill": map[string]any{"bankId": "sparkasse"}, "disableBankSelection": true},
			"", "Sparkasse", []string{"/login", "/consent"}, []string{"/bank"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{Banks: banks})
			s := e.create(tt.extra)
			var mu sync.Mutex
			var visited []string
			hc := *e.srv.Client()
			base := hc.Transport
			hc.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
				mu.Lock()
				visited = append(visited, strings.TrimPrefix(r.URL.Path, sessionPath(s["id"].(string))))
				mu.Unlock()
				return base.RoundTrip(r)
			})
			_, err := browser.SignIn(context.Background(), &hc, browser.SignInRequest{AuthLink: s["redirectUrl"].(string),
				RedirectURI: testCallbackBase, BankID: tt.bankID, Username: "john1", Password: "doe1"})
			if tt.wantErrMsg != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErrMsg) {
					t.Fatalf("walk: %v, want an error saying %q", err, tt.wantErrMsg)
				}
				return
			}
			if err != nil {
				t.Fatalf("walk: %v", err)
			}
			for _, p := range tt.wantPages {
				if !slices.Contains(visited, p) {
					t.Errorf("the walk did not visit %s: %v", p, visited)
				}
			}
			for _, p := range tt.skipPages {
				if slices.Contains(visited, p) {
					t.Errorf("the walk visited %s: %v", p, visited)
				}
			}
			_, accs := e.call(pathAccounts, map[string]any{"sessionId": s["id"]})
			if list, _ := accs["accounts"].([]any); len(list) != 1 || list[0].(map[string]any)["bankName"] != tt.wantBank {
				t.Errorf("accounts %v, want one at %s", accs, tt.wantBank)
			}
		})
	}
}

// roundTripFunc is a function as an http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

// RoundTrip calls the function.
func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestHostedPagesRefuse(t *testing.T) {
	t.Run("a wrong password shows the login again", func(t *testing.T) {
		e := newTestEnv(t, Config{})
		s := e.create(nil)
		if _, err := e.walk(s["redirectUrl"].(string), "john", "nope", false); !errors.Is(err, browser.ErrWrongCredentials) {
			t.Fatalf("walk: %v, want ErrWrongCredentials", err)
		}
		if _, d := e.call(pathDetails, map[string]any{"id": s["id"]}); d["status"] != "open" {
			t.Fatalf("the session is %v after a wrong password, want open", d["status"])
		}
		if _, err := e.walk(s["redirectUrl"].(string), "john", "doe", false); err != nil {
			t.Fatalf("a second try: %v", err)
		}
	})
	t.Run("a closed session", func(t *testing.T) {
		e := newTestEnv(t, Config{})
		id := e.completed("john", "doe", nil)
		_, err := e.walk(e.srv.URL+sessionPath(id), "john", "doe", false)
		var pe *browser.PageError
		if !errors.As(err, &pe) || pe.Code != "invalid_request" || !strings.Contains(pe.Description, "closed") {
			t.Fatalf("walk: %v, want the closed page", err)
		}
	})
	t.Run("an unknown session", func(t *testing.T) {
		e := newTestEnv(t, Config{})
		_, err := e.walk(e.srv.URL+sessionPath("nope"), "john", "doe", false)
		var pe *browser.PageError
		if !errors.As(err, &pe) || pe.Status != http.StatusNotFound {
			t.Fatalf("walk: %v, want a 404 page", err)
		}
	})
	t.Run("an expired session", func(t *testing.T) {
		e := newTestEnv(t, Config{})
		s := e.create(nil)
		e.clock.Advance(time.Hour + time.Second)
		got, err := e.walk(s["redirectUrl"].(string), "john", "doe", false)
		u, _ := url.Parse(got)
		if err != nil || u.Path != "/callback/error" || u.Query().Get("error") != "session_expired" || u.Query().Get("state") != testState {
			t.Fatalf("walk = %s, %v; want the error callback with session_expired", got, err)
		}
		if _, d := e.call(pathDetails, map[string]any{"id": s["id"]}); d["status"] != "expired" {
			t.Fatalf("status %v, want expired", d["status"])
		}
	})
	t.Run("a form from another session", func(t *testing.T) {
		e := newTestEnv(t, Config{})
		s := e.create(nil)
		form := url.Values{"form_token": {"forged"}, "provider_id": {"mock"}}
		resp, err := e.srv.Client().PostForm(e.srv.URL+sessionPath(s["id"].(string))+"/bank", form)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "does not belong to this data session") {
			t.Fatalf("got %d: %s", resp.StatusCode, body)
		}
	})
	t.Run("no callbacks", func(t *testing.T) {
		e := newTestEnv(t, Config{})
		s := e.create(map[string]any{"successCallbackUrl": nil, "errorCallbackUrl": nil})
		if _, err := e.walk(s["redirectUrl"].(string), "john", "doe", false); err == nil || !strings.Contains(err.Error(), "unexpected page") {
			t.Fatalf("walk: %v, want it to end on the done page", err)
		}
		if _, d := e.call(pathDetails, map[string]any{"id": s["id"]}); d["status"] != "closed" {
			t.Fatalf("status %v, want closed", d["status"])
		}
		s = e.create(map[string]any{"successCallbackUrl": nil, "errorCallbackUrl": nil})
		_, err := e.walk(s["redirectUrl"].(string), "error.provider_error", "error", false)
		var pe *browser.PageError
		if !errors.As(err, &pe) || pe.Code != "provider_error" {
			t.Fatalf("walk: %v, want the error shown on a page", err)
		}
	})
}

func TestHostedPagesLogo(t *testing.T) {
	e := newTestEnv(t, Config{})
	for path, want := range map[string]int{"/logos/mock.svg": 200, "/logos/nope.svg": 404, "/logos/mock.png": 404} {
		resp, err := e.srv.Client().Get(e.api + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("%s: %d, want %d", path, resp.StatusCode, want)
		}
	}
}
