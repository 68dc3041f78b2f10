package truelayer

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/browser"
)

// day is 24 hours of the sandbox clock.
const day = 24 * time.Hour

// lifecycleScope is the scope of the connections the lifecycle tests make.
const lifecycleScope = "info accounts balance transactions offline_access"

// tlConn is a connection a test made: its credentials id and current tokens.
type tlConn struct {
	ID, Access, Refresh string
}

// open connects as username/password with lifecycleScope and returns the connection.
func (e *testEnv) open(username, password string) tlConn {
	e.t.Helper()
	body := e.connect(username, password, lifecycleScope)
	c := tlConn{Access: body["access_token"].(string), Refresh: body["refresh_token"].(string)}
	c.ID = subject(e.t, c.Access)
	return c
}

// subject is the sub claim of an access token: the connection's credentials_id.
func subject(t testing.TB, accessToken string) string {
	t.Helper()
	parts := strings.Split(accessToken, ".")
	if len(parts) != 3 {
		t.Fatalf("access token %q is not a JWT", accessToken)
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatalf("access token payload: %v", err)
	}
	var claims struct {
		Sub string `json:"sub"`
	}
	if err := json.Unmarshal(payload, &claims); err != nil || claims.Sub == "" {
		t.Fatalf("access token claims %s: %v", payload, err)
	}
	return claims.Sub
}

// send makes a request with an optional JSON body and bearer token; it returns status and body.
func (e *testEnv) send(method, u string, body any, token string) (int, []byte) {
	e.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp.StatusCode, out
}

// extendBody is a valid extend request for the refresh token.
func (e *testEnv) extendBody(refresh, redirectURI string) map[string]any {
	return map[string]any{
		"client_id":                    e.sb.ClientID(),
		"client_secret":                e.sb.ClientSecret(),
		"refresh_token":                refresh,
		"redirect_uri":                 redirectURI,
		"user_has_reconfirmed_consent": true,
		"user":                         map[string]any{"id": "u-1", "name": "John Doe", "email": "john@example.com"},
	}
}

// extend posts body to the extend endpoint.
func (e *testEnv) extend(body any) (int, []byte) {
	e.t.Helper()
	return e.send(http.MethodPost, e.apiURL+"/data/v1/connections/extend", body, "")
}

// reauthURI posts to /v1/reauthuri.
func (e *testEnv) reauthURI(refresh, redirectURI, state string) (int, []byte) {
	e.t.Helper()
	return e.send(http.MethodPost, e.authURL+"/v1/reauthuri",
		map[string]string{"response_type": "code", "refresh_token": refresh, "redirect_uri": redirectURI, "state": state}, "")
}

// refresh uses the refresh token at /connect/token.
func (e *testEnv) refresh(token string) (int, map[string]any) {
	e.t.Helper()
	return e.postToken(url.Values{"grant_type": {"refresh_token"}, "client_id": {e.sb.ClientID()},
		"client_secret": {e.sb.ClientSecret()}, "refresh_token": {token}})
}

// walkLink signs in through a link that needs no bank choice or consent, recording the pages
// requested, and returns the redirect's query.
func (e *testEnv) walkLink(link, redirectURI, username, password string) (url.Values, []string) {
	e.t.Helper()
	rec := &recordingTransport{next: e.srv.Client().Transport}
	got, err := browser.SignIn(context.Background(), &http.Client{Transport: rec}, browser.SignInRequest{
		AuthLink: link, RedirectURI: redirectURI, Username: username, Password: password})
	if err != nil {
		e.t.Fatalf("walk %s as %s: %v", link, username, err)
	}
	u, err := url.Parse(got)
	if err != nil || !strings.HasPrefix(got, redirectURI+"?") {
		e.t.Fatalf("walk ended at %q, want %s with a query", got, redirectURI)
	}
	return u.Query(), rec.urls
}

// exchangeNoPKCE exchanges a code without a code_verifier.
func (e *testEnv) exchangeNoPKCE(code, redirectURI string) (int, map[string]any) {
	e.t.Helper()
	f := e.exchangeForm(code, "")
	f.Del("code_verifier")
	f.Set("redirect_uri", redirectURI)
	return e.postToken(f)
}

// consentExpiry reads consent_expires_at from /me with the access token.
func (e *testEnv) consentExpiry(access string) time.Time {
	e.t.Helper()
	status, body := e.get("/data/v1/me", access)
	if status != http.StatusOK {
		e.t.Fatalf("/me: %d %s", status, body)
	}
	var me struct {
		Results []struct {
			ConsentExpiresAt time.Time `json:"consent_expires_at"`
		} `json:"results"`
	}
	if err := json.Unmarshal(body, &me); err != nil || len(me.Results) != 1 {
		e.t.Fatalf("/me %s: %v", body, err)
	}
	return me.Results[0].ConsentExpiresAt
}

// wantDescription checks that an error answer's description contains want.
func wantDescription(t *testing.T, body []byte, want string) {
	t.Helper()
	if d, _ := decode(t, body)["error_description"].(string); !strings.Contains(d, want) {
		t.Errorf("error_description %q, want it to contain %q", d, want)
	}
}
