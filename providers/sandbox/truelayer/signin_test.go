package truelayer

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/providers/sandbox/browser"
)

func TestSignInWalk(t *testing.T) {
	tests := []struct {
		name               string
		opts               Config
		change             func(url.Values)
		req                browser.SignInRequest
		wantCode           bool
		wantError          string // error parameter on the redirect
		wantState          string
		wantErr            error  // SignIn fails with this
		wantPageError      string // or with an error page of this code
		wantErrNotContains string
	}{
		{name: "john1/doe1", req: browser.SignInRequest{Username: "john1", Password: "doe1"}, wantCode: true, wantState: "st4te"},
		{name: "john/doe", req: browser.SignInRequest{Username: "john", Password: "doe"}, wantCode: true, wantState: "st4te"},
		{name: "without state", change: func(p url.Values) { p.Del("state") },
			req: browser.SignInRequest{Username: "john", Password: "doe"}, wantCode: true},
		{name: "error user signs in", req: browser.SignInRequest{Username: "error.internal_error", Password: "error"}, wantCode: true, wantState: "st4te"},
		{name: "declined consent", req: browser.SignInRequest{Username: "john", Password: "doe", Decline: true},
			wantError: "access_denied", wantState: "st4te"},
		{name: "wrong password", req: browser.SignInRequest{Username: "john", Password: "s3cret-guess"},
			wantErr: browser.ErrWrongCredentials, wantErrNotContains: "s3cret-guess"},
		{name: "unknown user", req: browser.SignInRequest{Username: "jane", Password: "doe"}, wantErr: browser.ErrWrongCredentials},
		{name: "error user with the wrong password", req: browser.SignInRequest{Username: "error.internal_error", Password: "doe"},
			wantErr: browser.ErrWrongCredentials},
		{name: "chosen bank", opts: Config{Banks: twoBanks()},
			req: browser.SignInRequest{BankID: "ob-monzo", Username: "john", Password: "doe"}, wantCode: true, wantState: "st4te"},
		{name: "bank not offered", opts: Config{Banks: twoBanks()},
			req: browser.SignInRequest{BankID: "ob-barclays", Username: "john", Password: "doe"}},
		{name: "several banks and no choice", opts: Config{Banks: twoBanks()},
			req: browser.SignInRequest{Username: "john", Password: "doe"}},
		{name: "unregistered redirect URI", change: func(p url.Values) { p.Set("client_id", "nope") },
			req: browser.SignInRequest{Username: "john", Password: "doe"}, wantPageError: "unauthorized_client"},
		{name: "link error comes back as a redirect", change: func(p url.Values) { p.Del("scope") },
			req: browser.SignInRequest{Username: "john", Password: "doe"}, wantError: "invalid_scope", wantState: "st4te"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, tt.opts)
			p := e.linkParams()
			if tt.change != nil {
				tt.change(p)
			}
			req := tt.req
			req.AuthLink, req.RedirectURI = e.link(p), testRedirectURI
			got, err := browser.SignIn(context.Background(), e.srv.Client(), req)
			wantFailure := !tt.wantCode && tt.wantError == ""
			switch {
			case wantFailure && err == nil:
				t.Fatalf("SignIn = %q, want an error", got)
			case wantFailure:
				if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Fatalf("SignIn error %v, want %v", err, tt.wantErr)
				}
				var pe *browser.PageError
				if tt.wantPageError != "" && (!errors.As(err, &pe) || pe.Code != tt.wantPageError) {
					t.Fatalf("SignIn error %v, want an error page %s", err, tt.wantPageError)
				}
				if tt.wantErrNotContains != "" && strings.Contains(err.Error(), tt.wantErrNotContains) {
					t.Fatalf("SignIn error %q reveals %q", err, tt.wantErrNotContains)
				}
				return
			case err != nil:
				t.Fatalf("SignIn: %v", err)
			}
			u, err := url.Parse(got)
			if err != nil || !strings.HasPrefix(got, testRedirectURI+"?") {
				t.Fatalf("SignIn = %q, want the redirect URI with a query", got)
			}
			q := u.Query()
			if tt.wantCode && (q.Get("code") == "" || q.Has("error")) {
				t.Errorf("redirect %s has no code", got)
			}
			if tt.wantError != "" && q.Get("error") != tt.wantError {
				t.Errorf("redirect %s, want error=%s", got, tt.wantError)
			}
			if q.Get("state") != tt.wantState || q.Has("state") != (tt.wantState != "") {
				t.Errorf("redirect %s, want state %q", got, tt.wantState)
			}
		})
	}
}

func TestSignInWrongCredentialsNamesTheUser(t *testing.T) {
	e := newTestEnv(t, Config{})
	_, err := e.signIn(e.link(e.linkParams()), "john", "nope-pass")
	if !errors.Is(err, browser.ErrWrongCredentials) || !strings.Contains(err.Error(), `"john"`) || strings.Contains(err.Error(), "nope-pass") {
		t.Fatalf("error %v: want browser.ErrWrongCredentials naming the user and never the password", err)
	}
}

func TestWrongCredentialsPageShowsTheLoginError(t *testing.T) {
	e := newTestEnv(t, Config{})
	// Walk by hand to the login page: auth link → consent → allow → bank.
	c := noRedirectClient()
	resp, err := c.Get(e.link(e.linkParams()))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	consentURL := e.srv.URL + resp.Header.Get("Location")
	resp, err = c.Get(consentURL)
	if err != nil {
		t.Fatal(err)
	}
	page, err := browser.ParsePage(resp.Body)
	resp.Body.Close()
	if err != nil || len(page.Forms) != 1 {
		t.Fatalf("consent page: %v %+v", err, page)
	}
	f := page.Forms[0]
	allow, _ := f.Choose("decision", "allow")
	resp, err = c.PostForm(consentURL, f.Values(allow))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	bankURL := e.srv.URL + resp.Header.Get("Location")
	resp, err = c.PostForm(bankURL, url.Values{"form_token": f.Values(nil)["form_token"], "username": {"john"}, "password": {"x"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, err = browser.ParsePage(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusUnauthorized || page.LoginError != "Invalid username or password." || len(page.Forms) != 1 ||
		!page.Forms[0].Has("password") {
		t.Fatalf("got %d %+v, want the login form again with the login error", resp.StatusCode, page)
	}
}

func TestSignInFormPost(t *testing.T) {
	e := newTestEnv(t, Config{})
	p := e.linkParams()
	p.Set("response_mode", "form_post")
	got, err := e.signIn(e.link(p), "john1", "doe1")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(got)
	if !strings.HasPrefix(got, testRedirectURI+"?") || u.Query().Get("code") == "" || u.Query().Get("state") != "st4te" {
		t.Fatalf("SignIn = %q, want the redirect URI with code and state", got)
	}
	// The code works like any other.
	status, body := e.postToken(e.exchangeForm(u.Query().Get("code"), ""))
	if status != http.StatusOK {
		t.Fatalf("exchange the form_post code: %d %v", status, body)
	}
}

func TestFormPostPageAutoSubmits(t *testing.T) {
	e := newTestEnv(t, Config{})
	p := e.linkParams()
	p.Set("response_mode", "form_post")
	p.Del("scope") // an error goes back the same way
	resp, err := noRedirectClient().Get(e.link(p))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, err := browser.ParsePage(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || len(page.Forms) != 1 || page.Forms[0].Action != testRedirectURI ||
		!strings.EqualFold(page.Forms[0].Method, "post") {
		t.Fatalf("got %d %+v, want a form posting to the redirect URI", resp.StatusCode, page)
	}
	v := page.Forms[0].Values(nil)
	if v.Get("error") != "invalid_scope" || v.Get("state") != "st4te" {
		t.Fatalf("form fields %v, want error=invalid_scope and the state", v)
	}
}

func TestSignInRespectsContext(t *testing.T) {
	e := newTestEnv(t, Config{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := browser.SignIn(ctx, e.srv.Client(), browser.SignInRequest{AuthLink: e.link(e.linkParams()), RedirectURI: testRedirectURI,
		Username: "john", Password: "doe"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("SignIn with a cancelled context: %v", err)
	}
}

func TestSignInUsesTheCallersTransport(t *testing.T) {
	e := newTestEnv(t, Config{})
	rec := &recordingTransport{next: e.srv.Client().Transport}
	hc := &http.Client{Transport: rec}
	_, err := browser.SignIn(context.Background(), hc, browser.SignInRequest{AuthLink: e.link(e.linkParams()), RedirectURI: testRedirectURI,
		Username: "john", Password: "doe"})
	if err != nil {
		t.Fatal(err)
	}
	// auth link, consent page, consent form, login page, login form; never the redirect URI.
	if len(rec.urls) != 5 {
		t.Fatalf("requests %v, want 5", rec.urls)
	}
	for _, u := range rec.urls {
		if strings.HasPrefix(u, testRedirectURI) {
			t.Fatalf("SignIn requested the redirect URI: %v", rec.urls)
		}
	}
	if hc.CheckRedirect != nil {
		t.Fatal("SignIn changed the caller's client")
	}
}

// recordingTransport notes every request URL.
type recordingTransport struct {
	next http.RoundTripper
	urls []string
}

// RoundTrip records the URL and passes the request on.
func (rt *recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rt.urls = append(rt.urls, r.URL.String())
	return rt.next.RoundTrip(r)
}

func TestSignInCustomSchemeRedirect(t *testing.T) {
	tests := []struct{ name, mode string }{{"query", ""}, {"form_post", "form_post"}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const app = "myapp://callback"
			e := newTestEnv(t, Config{ExtraRedirectURIs: []string{app}})
			p := e.linkParams()
			p.Set("redirect_uri", app)
			p.Set("response_mode", tt.mode)
			got, err := browser.SignIn(context.Background(), e.srv.Client(), browser.SignInRequest{AuthLink: e.link(p), RedirectURI: app,
				Username: "john", Password: "doe"})
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(got)
			if !strings.HasPrefix(got, app+"?") || u.Query().Get("code") == "" {
				t.Fatalf("SignIn = %q, want %s with a code", got, app)
			}
		})
	}
}
