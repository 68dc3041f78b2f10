package truelayer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// tokenEndpoint answers POST /connect/token like TrueLayer's docs: form in, JSON out, the
// client credentials in the body only. It records every form it accepted.
type tokenEndpoint struct {
	t       *testing.T
	mu      sync.Mutex
	forms   []url.Values
	expires int // expires_in of issued tokens
}

func (e *tokenEndpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/connect/token" {
		http.NotFound(w, r)
		return
	}
	if _, _, ok := r.BasicAuth(); ok || r.Header.Get("Authorization") != "" {
		e.t.Errorf("token request carries an Authorization header; TrueLayer wants the secret in the body")
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		e.t.Errorf("Content-Type = %q", ct)
	}
	body, _ := io.ReadAll(r.Body)
	form, err := url.ParseQuery(string(body))
	if err != nil {
		e.t.Errorf("form: %v", err)
	}
	e.mu.Lock()
	e.forms = append(e.forms, form)
	n := len(e.forms)
	e.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if form.Get("client_id") != testCreds.ClientID || form.Get("client_secret") != testCreds.ClientSecret {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"error":"invalid_client"}`)
		return
	}
	expires := e.expires
	if expires == 0 {
		expires = 3600
	}
	fmt.Fprintf(w, `{"access_token":%q,"expires_in":%d,"token_type":"Bearer","refresh_token":"rt-%d","scope":"info accounts offline_access"}`,
		makeJWT(fmt.Sprintf("cred-%d", n)), expires, n)
}

// count returns how many forms the endpoint accepted.
func (e *tokenEndpoint) count() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.forms)
}

// lastForm returns the last form the endpoint accepted.
func (e *tokenEndpoint) lastForm() url.Values {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.forms) == 0 {
		return nil
	}
	return e.forms[len(e.forms)-1]
}

func TestExchange(t *testing.T) {
	tests := []struct {
		name     string
		verifier string
		want     url.Values
	}{
		{
			name:     "with PKCE",
			verifier: "verifier-0123456789-0123456789-0123456789",
			want: url.Values{
				"grant_type": {"authorization_code"}, "client_id": {testCreds.ClientID},
				"client_secret": {testCreds.ClientSecret}, "code": {"the-code"},
				"redirect_uri": {"http://127.0.0.1:53682/callback"}, "code_verifier": {"verifier-0123456789-0123456789-0123456789"},
			},
		},
		{
			name: "without PKCE",
			want: url.Values{
				"grant_type": {"authorization_code"}, "client_id": {testCreds.ClientID},
				"client_secret": {testCreds.ClientSecret}, "code": {"the-code"},
				"redirect_uri": {"http://127.0.0.1:53682/callback"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ep := &tokenEndpoint{t: t}
			c, counted := newTestClient(t, ep, nil)
			tok, err := c.Exchange(context.Background(), "the-code", "http://127.0.0.1:53682/callback", tt.verifier)
			if err != nil {
				t.Fatalf("Exchange: %v", err)
			}
			if got := ep.lastForm(); got.Encode() != tt.want.Encode() {
				t.Errorf("form\n got %s\nwant %s", got.Encode(), tt.want.Encode())
			}
			if tok.RefreshToken != "rt-1" || tok.TokenType != "Bearer" || time.Until(tok.Expiry) < 50*time.Minute {
				t.Errorf("token = %+v", tok)
			}
			if id, err := CredentialsID(tok.AccessToken); err != nil || id != "cred-1" {
				t.Errorf("CredentialsID = %q, %v", id, err)
			}
			if counted.n.Load() != 1 {
				t.Errorf("requests through the given client = %d, want 1", counted.n.Load())
			}
		})
	}
}

func TestRefresh(t *testing.T) {
	ep := &tokenEndpoint{t: t}
	c, _ := newTestClient(t, ep, nil)
	tok, err := c.Refresh(context.Background(), "old-refresh-token")
	if err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	want := url.Values{
		"grant_type": {"refresh_token"}, "refresh_token": {"old-refresh-token"},
		"client_id": {testCreds.ClientID}, "client_secret": {testCreds.ClientSecret},
	}
	if got := ep.lastForm(); got.Encode() != want.Encode() {
		t.Errorf("form\n got %s\nwant %s", got.Encode(), want.Encode())
	}
	if tok.RefreshToken != "rt-1" {
		t.Errorf("refresh token = %q, want the rotated rt-1", tok.RefreshToken)
	}

	t.Run("no refresh token", func(t *testing.T) {
		if _, err := c.Refresh(context.Background(), ""); !errors.Is(err, ErrNoRefreshToken) {
			t.Errorf("err = %v, want ErrNoRefreshToken", err)
		}
	})
}
