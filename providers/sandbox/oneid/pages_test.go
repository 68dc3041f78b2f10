package oneid

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/browser"
)

func TestSignInWalk(t *testing.T) {
	tests := []struct {
		name, identity  string
		cancel          bool
		wantCode        bool
		wantError       string // error parameter on the redirect
		wantOneID       string // error_oneid on the redirect
		wantFailMessage string // or SignIn fails saying this
	}{
		{name: "janet", identity: "janet", wantCode: true},
		{name: "alix", identity: "alix", wantCode: true},
		{name: "gary", identity: "gary", wantCode: true},
		{name: "cancel", cancel: true, wantError: "access_denied", wantOneID: "OneID.OIDC.Redirect.UserCancelled"},
		{name: "someone not offered", identity: "john", wantFailMessage: `identity "john" is not offered (offered: janet, alix, gary)`},
		{name: "nobody chosen", wantFailMessage: "several identities (janet, alix, gary)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			_, challenge := pkce("x")
			got, err := e.signIn(e.link(e.authParams(allScopes, challenge)), tt.identity, tt.cancel)
			if tt.wantFailMessage != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantFailMessage) {
					t.Fatalf("SignIn = %q, %v; want an error saying %q", got, err, tt.wantFailMessage)
				}
				return
			}
			u, perr := url.Parse(got)
			if err != nil || perr != nil || !strings.HasPrefix(got, testRedirectURI+"?") {
				t.Fatalf("SignIn = %q, %v", got, err)
			}
			q := u.Query()
			if (q.Get("code") != "") != tt.wantCode || q.Get("error") != tt.wantError || q.Get("error_oneid") != tt.wantOneID ||
				q.Get("state") != "st4te" || (tt.wantError != "" && q.Get("error_description") == "") {
				t.Fatalf("redirect %v", q)
			}
		})
	}
}

// openSession follows the authorization link to the mock bank's page and returns its path.
func (e *testEnv) openSession(t *testing.T) string {
	t.Helper()
	_, challenge := pkce("x")
	resp, err := noRedirectClient().Get(e.link(e.authParams(allScopes, challenge)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.Header.Get("Location")
}

// fetch requests path (under the server) with a form body when form is set.
func (e *testEnv) fetch(t *testing.T, method, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, e.srv.URL+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := noRedirectClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// formToken reads the form token off the mock bank's page.
func (e *testEnv) formToken(t *testing.T, path string) string {
	t.Helper()
	_, page := e.fetch(t, http.MethodGet, path, nil)
	p, err := browser.ParsePage(strings.NewReader(page))
	if err != nil || len(p.Forms) != 1 {
		t.Fatalf("page %s: %v", page, err)
	}
	return p.Forms[0].Values(nil).Get("form_token")
}

func TestCustomersPage(t *testing.T) {
	e := newTestEnv(t, Config{})
	resp, page := e.fetch(t, http.MethodGet, e.openSession(t), nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("page: %d %s", resp.StatusCode, page)
	}
	for _, w := range []string{"Janet Davidson", "Alix Rayner", "Gary Humphrey", `name="identity" value="janet"`,
		`name="decision" value="decline"`, "<li>Your name</li>", "<li>Their balances</li>", "linkstep uses OneID (id_assure)"} {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q", w)
		}
	}
	if strings.Contains(page, "product:id_assure</li>") {
		t.Error("the page lists the product as something shared")
	}
}

func TestCustomersSubmit(t *testing.T) {
	tests := []struct {
		name         string
		form         func(token string) url.Values
		advance      time.Duration
		wantStatus   int
		wantLocation string // part of the Location header
		wantPage     string // part of the page
	}{
		{"janet", func(tok string) url.Values { return url.Values{"form_token": {tok}, "identity": {"janet"}} }, 0,
			http.StatusFound, "code=", ""},
		{"cancel", func(tok string) url.Values { return url.Values{"form_token": {tok}, "decision": {"decline"}} }, 0,
			http.StatusFound, "error_oneid=OneID.OIDC.Redirect.UserCancelled", ""},
		{"a forged form token", func(string) url.Values { return url.Values{"form_token": {"forged"}, "identity": {"janet"}} }, 0,
			http.StatusBadRequest, "", "does not belong to this sign-in session"},
		{"no form token", func(string) url.Values { return url.Values{"identity": {"janet"}} }, 0,
			http.StatusBadRequest, "", "does not belong to this sign-in session"},
		{"an unknown identity", func(tok string) url.Values { return url.Values{"form_token": {tok}, "identity": {"john"}} }, 0,
			http.StatusBadRequest, "", "Choose one of the identities offered (janet, alix, gary)"},
		{"after 30 minutes", func(tok string) url.Values { return url.Values{"form_token": {tok}, "identity": {"janet"}} }, 30*time.Minute + time.Second,
			http.StatusFound, "error_oneid=OneID.OIDC.Redirect.SessionExpired", ""},
		{"just within 30 minutes", func(tok string) url.Values { return url.Values{"form_token": {tok}, "identity": {"janet"}} }, 30 * time.Minute,
			http.StatusFound, "code=", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			path := e.openSession(t)
			token := e.formToken(t, path)
			e.clock.Advance(tt.advance)
			resp, page := e.fetch(t, http.MethodPost, path, tt.form(token))
			loc := resp.Header.Get("Location")
			if resp.StatusCode != tt.wantStatus || !strings.Contains(loc, tt.wantLocation) || !strings.Contains(page, tt.wantPage) {
				t.Fatalf("got %d Location %q: %s", resp.StatusCode, loc, page)
			}
			if loc != "" && (!strings.HasPrefix(loc, testRedirectURI+"?") || !strings.Contains(loc, "state=st4te")) {
				t.Errorf("Location %q: want the redirect URI with the state", loc)
			}
		})
	}
}

func TestSessionAnswersOnce(t *testing.T) {
	e := newTestEnv(t, Config{})
	path := e.openSession(t)
	token := e.formToken(t, path)
	form := url.Values{"form_token": {token}, "identity": {"janet"}}
	if resp, page := e.fetch(t, http.MethodPost, path, form); resp.StatusCode != http.StatusFound {
		t.Fatalf("first submission: %d %s", resp.StatusCode, page)
	}
	for _, method := range []string{http.MethodPost, http.MethodGet} {
		resp, page := e.fetch(t, method, path, form)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(page, "already finished") {
			t.Errorf("%s again: %d %s", method, resp.StatusCode, page)
		}
	}
	if resp, page := e.fetch(t, http.MethodGet, Prefix+"/bank/unknown", nil); resp.StatusCode != http.StatusNotFound ||
		!strings.Contains(page, `<code id="error-code">invalid_request</code>`) {
		t.Errorf("an unknown session: %d %s", resp.StatusCode, page)
	}
}

func TestSessionExpiredOnThePage(t *testing.T) {
	e := newTestEnv(t, Config{})
	path := e.openSession(t)
	e.clock.Advance(31 * time.Minute)
	resp, page := e.fetch(t, http.MethodGet, path, nil)
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound ||
		!strings.Contains(loc, "error=access_denied") || !strings.Contains(loc, "error_oneid=OneID.OIDC.Redirect.SessionExpired") {
		t.Fatalf("got %d Location %q: %s", resp.StatusCode, loc, page)
	}
	_, err := e.signIn(e.srv.URL+path, "janet", false)
	var pe *browser.PageError
	if !errors.As(err, &pe) || !strings.Contains(pe.Description, "already finished") {
		t.Errorf("walking the expired session again: %v", err)
	}
}
