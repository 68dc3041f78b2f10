package truelayer

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/providers/sandbox/sandboxtest"

	"github.com/linkstep/linkstep/providers/sandbox/browser"
)

// update rewrites the golden files under testdata/.
var update = flag.Bool("update", false, "rewrite golden files")

// testRedirectURI is the loopback redirect URI the tests' auth links carry.
const testRedirectURI = "http://127.0.0.1:53682/callback"

// fakeClock is a clock the tests move by hand.
type fakeClock = sandboxtest.Clock

// testEnv is a Handler behind httptest with a fake clock.
type testEnv struct {
	t       testing.TB
	sb      *Handler
	srv     *httptest.Server
	authURL string // the auth server's base URL
	apiURL  string // the data API's base URL
	clock   *fakeClock
}

// newTestEnv serves a Handler configured by opts (Now is replaced by a fake clock).
func newTestEnv(t testing.TB, opts Config) *testEnv {
	t.Helper()
	clock := sandboxtest.NewClock()
	opts.Now = clock.Now
	sb := New(opts)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return &testEnv{t: t, sb: sb, srv: srv, authURL: srv.URL + AuthPrefix, apiURL: srv.URL + APIPrefix, clock: clock}
}

// linkParams are the parameters of a typical Signup+ auth link.
func (e *testEnv) linkParams() url.Values {
	return url.Values{
		"response_type": {"code"},
		"client_id":     {e.sb.ClientID()},
		"redirect_uri":  {testRedirectURI},
		"scope":         {"info accounts signupplus offline_access"},
		"state":         {"st4te"},
		"nonce":         {"n0nce"},
		"providers":     {"uk-cs-mock uk-ob-all uk-oauth-all"},
	}
}

// link builds an auth link from params, as the TrueLayer client does: {auth}/?query.
func (e *testEnv) link(params url.Values) string {
	return e.authURL + "/?" + params.Encode()
}

// noRedirectClient is a client that shows redirects instead of following them.
func noRedirectClient() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// signIn walks the pages of link as username/password and returns the redirect URL.
func (e *testEnv) signIn(link, username, password string) (string, error) {
	return browser.SignIn(context.Background(), e.srv.Client(), browser.SignInRequest{
		AuthLink: link, RedirectURI: testRedirectURI, Username: username, Password: password,
	})
}

// pkce returns a verifier and its S256 challenge.
func pkce(seed string) (verifier, challenge string) {
	verifier = base64.RawURLEncoding.EncodeToString([]byte(strings.Repeat(seed, 40)[:40]))
	sum := sha256.Sum256([]byte(verifier))
	return verifier, base64.RawURLEncoding.EncodeToString(sum[:])
}

// codeFor signs in through a PKCE link with the given scope and returns code and verifier.
func (e *testEnv) codeFor(username, password, scope string) (code, verifier string) {
	e.t.Helper()
	verifier, challenge := pkce(username)
	p := e.linkParams()
	p.Set("scope", scope)
	p.Set("code_challenge", challenge)
	p.Set("code_challenge_method", "S256")
	redirect, err := e.signIn(e.link(p), username, password)
	if err != nil {
		e.t.Fatalf("sign in as %s: %v", username, err)
	}
	u, err := url.Parse(redirect)
	if err != nil {
		e.t.Fatalf("parse redirect %q: %v", redirect, err)
	}
	code = u.Query().Get("code")
	if code == "" {
		e.t.Fatalf("redirect %q has no code", redirect)
	}
	return code, verifier
}

// exchangeForm is the form of a code exchange.
func (e *testEnv) exchangeForm(code, verifier string) url.Values {
	return url.Values{
		"grant_type":    {"authorization_code"},
		"client_id":     {e.sb.ClientID()},
		"client_secret": {e.sb.ClientSecret()},
		"redirect_uri":  {testRedirectURI},
		"code":          {code},
		"code_verifier": {verifier},
	}
}

// postToken posts a form to /connect/token and decodes the JSON answer.
func (e *testEnv) postToken(form url.Values) (int, map[string]any) {
	e.t.Helper()
	resp, err := e.srv.Client().PostForm(e.authURL+"/connect/token", form)
	if err != nil {
		e.t.Fatalf("post token: %v", err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		e.t.Fatalf("decode token answer: %v", err)
	}
	return resp.StatusCode, body
}

// connect signs in, exchanges the code and returns the token answer.
func (e *testEnv) connect(username, password, scope string) map[string]any {
	e.t.Helper()
	code, verifier := e.codeFor(username, password, scope)
	status, body := e.postToken(e.exchangeForm(code, verifier))
	if status != http.StatusOK {
		e.t.Fatalf("exchange code for %s: %d %v", username, status, body)
	}
	return body
}

// accessToken signs in with the Signup+ scopes and returns an access token.
func (e *testEnv) accessToken(username, password string) string {
	e.t.Helper()
	return e.connect(username, password, "info accounts signupplus offline_access")["access_token"].(string)
}

// get calls the data API with a bearer token and returns status and body.
func (e *testEnv) get(path, token string) (int, []byte) {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.apiURL+path, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("read %s: %v", path, err)
	}
	return resp.StatusCode, body
}

// decode unmarshals a JSON body into a map.
func decode(t *testing.T, body []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return m
}

// wantError checks a JSON error answer's status and code.
func wantError(t *testing.T, status int, body []byte, wantStatus int, wantCode string) {
	t.Helper()
	m := decode(t, body)
	if status != wantStatus || m["error"] != wantCode {
		t.Fatalf("got %d %s, want %d with error %q", status, body, wantStatus, wantCode)
	}
	if d, _ := m["error_description"].(string); d == "" {
		t.Errorf("error %q has no error_description", wantCode)
	}
}
