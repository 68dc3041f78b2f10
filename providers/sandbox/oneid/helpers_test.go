package oneid

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/linkstep/linkstep/providers/sandbox/sandboxtest"

	"github.com/linkstep/linkstep/providers/sandbox/browser"
)

// testRedirectURI is the loopback redirect URI the tests' authorization requests carry.
const testRedirectURI = "http://127.0.0.1:53682/callback"

// allScopes are every scope the journey asks for by default, with the ID Assure product.
const allScopes = "openid profile date_of_birth address email phone age_over_18 accounts accounts.balances fraud product:id_assure"

// testKey is one RSA key for every test Handler: making one per test is slow under -race.
var testKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

// fakeClock is a clock the tests move by hand.
type fakeClock = sandboxtest.Clock

// testEnv is a Handler behind httptest with a fake clock.
type testEnv struct {
	t     testing.TB
	h     *Handler
	srv   *httptest.Server
	iss   string // the issuer: the server's URL plus Prefix
	clock *fakeClock
}

// newTestEnv serves a Handler configured by cfg (its clock and key are the tests').
func newTestEnv(t testing.TB, cfg Config) *testEnv {
	t.Helper()
	clock := sandboxtest.NewClock()
	cfg.Now = clock.Now
	if cfg.SigningKey == nil {
		cfg.SigningKey = testKey()
	}
	h := New(cfg)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &testEnv{t: t, h: h, srv: srv, iss: srv.URL + Prefix, clock: clock}
}

// pkce returns a verifier and its S256 challenge.
func pkce(seed string) (verifier, challenge string) {
	verifier = base64.RawURLEncoding.EncodeToString([]byte(strings.Repeat(seed, 40)[:40]))
	sum := sha256.Sum256([]byte(verifier))
	return verifier, base64.RawURLEncoding.EncodeToString(sum[:])
}

// authParams are the parameters of a valid authorization request for scope.
func (e *testEnv) authParams(scope, challenge string) url.Values {
	return url.Values{
		"client_id":             {e.h.ClientID()},
		"response_type":         {"code"},
		"redirect_uri":          {testRedirectURI},
		"scope":                 {scope},
		"state":                 {"st4te"},
		"nonce":                 {"n0nce"},
		"code_challenge":        {challenge},
		"code_challenge_method": {"S256"},
	}
}

// link is an authorization link with params.
func (e *testEnv) link(params url.Values) string {
	return e.iss + "/v2/authorize?" + params.Encode()
}

// noRedirectClient is a client that shows redirects instead of following them.
func noRedirectClient() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// signIn walks the pages of link as identity (or cancels) and returns the redirect URL.
func (e *testEnv) signIn(link, identity string, cancel bool) (string, error) {
	return browser.SignIn(context.Background(), e.srv.Client(), browser.SignInRequest{
		AuthLink: link, RedirectURI: testRedirectURI, Username: identity, Decline: cancel,
	})
}

// codeFor signs in as identity with scope and returns the code and the PKCE verifier.
func (e *testEnv) codeFor(identity, scope string) (code, verifier string) {
	e.t.Helper()
	verifier, challenge := pkce(identity)
	redirect, err := e.signIn(e.link(e.authParams(scope, challenge)), identity, false)
	if err != nil {
		e.t.Fatalf("sign in as %s: %v", identity, err)
	}
	u, err := url.Parse(redirect)
	if err != nil || u.Query().Get("code") == "" || u.Query().Get("state") != "st4te" {
		e.t.Fatalf("redirect %q: want a code and the state (%v)", redirect, err)
	}
	return u.Query().Get("code"), verifier
}

// exchangeForm is the form of a code exchange, as x/oauth2 sends it for a Basic client.
func exchangeForm(code, verifier string) url.Values {
	return url.Values{"grant_type": {"authorization_code"}, "code": {code}, "code_verifier": {verifier},
		"redirect_uri": {testRedirectURI}}
}

// postToken posts form to /token, with Basic credentials when id is set, and returns the
// status, headers and decoded answer.
func (e *testEnv) postToken(form url.Values, id, secret string) (int, http.Header, map[string]any) {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.iss+"/token", strings.NewReader(form.Encode()))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if id != "" {
		req.SetBasicAuth(url.QueryEscape(id), url.QueryEscape(secret))
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatalf("post token: %v", err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		e.t.Fatalf("decode token answer: %v", err)
	}
	return resp.StatusCode, resp.Header, body
}

// connect signs in as identity with scope, exchanges the code and returns the token answer.
func (e *testEnv) connect(identity, scope string) map[string]any {
	e.t.Helper()
	code, verifier := e.codeFor(identity, scope)
	status, _, body := e.postToken(exchangeForm(code, verifier), e.h.ClientID(), e.h.ClientSecret())
	if status != http.StatusOK {
		e.t.Fatalf("exchange the code of %s: %d %v", identity, status, body)
	}
	return body
}

// accessToken signs in as identity with scope and returns the access token.
func (e *testEnv) accessToken(identity, scope string) string {
	e.t.Helper()
	return e.connect(identity, scope)["access_token"].(string)
}

// get calls path under the issuer with a bearer token; it returns status, headers and body.
func (e *testEnv) get(path, token string) (int, http.Header, []byte) {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.iss+path, nil)
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
	return resp.StatusCode, resp.Header, body
}

// decode unmarshals a JSON object.
func decode(t *testing.T, body []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return m
}

// wantError checks a JSON error answer's status and code, and that it explains itself.
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

// mustKey makes an RSA key other than testKey.
func mustKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
