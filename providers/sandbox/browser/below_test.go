package browser

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// newFakeHostedSite serves a hosted flow that is not any provider's: a login, then a redirect
// to a callback below testRedirectURI (/callback/success or /callback/error, as a hosted flow
// such as Ivy's ends), or to a look-alike of it.
func newFakeHostedSite(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hosted/{end}", func(w http.ResponseWriter, r *http.Request) {
		page(w, 200, `<form method="post" action="/hosted/`+r.PathValue("end")+`">
			<input name="username"><input type="password" name="password"><button>Log in</button></form>`)
	})
	mux.HandleFunc("POST /hosted/{end}", func(w http.ResponseWriter, r *http.Request) {
		targets := map[string]string{
			"success":    testRedirectURI + "/success?state=st&sessionId=s1",
			"error":      testRedirectURI + "/error?state=st&sessionId=s1&error=consent_declined",
			"deeper":     testRedirectURI + "/a/b?x=1",
			"exact":      testRedirectURI + "?code=c0de",
			"look-alike": "http://127.0.0.1:53682/callbackx/success?state=st",
			"dot-dot":    testRedirectURI + "/../admin?state=st",
			"other-port": "http://127.0.0.1:53683/callback/success?state=st",
		}
		http.Redirect(w, r, targets[r.PathValue("end")], http.StatusFound)
	})
	mux.HandleFunc("GET /formpost-below", func(w http.ResponseWriter, _ *http.Request) {
		page(w, 200, `<form method="post" action="`+testRedirectURI+`/success?state=st"><input type="hidden" name="sessionId" value="s1"></form>`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestSignInStopsBelowTheRedirectURI checks that a walk stops, without requesting it, at any URL
// whose scheme, host and port are the redirect URI's and whose path is its path or below it,
// and at nothing else.
func TestSignInStopsBelowTheRedirectURI(t *testing.T) {
	srv := newFakeHostedSite(t)
	tests := []struct {
		name, path  string
		want        string // the URL SignIn returns
		wantMessage string // or an error saying this
	}{
		{"the success callback", "/hosted/success", testRedirectURI + "/success?state=st&sessionId=s1", ""},
		{"the error callback", "/hosted/error", testRedirectURI + "/error?state=st&sessionId=s1&error=consent_declined", ""},
		{"deeper below", "/hosted/deeper", testRedirectURI + "/a/b?x=1", ""},
		{"the redirect URI itself", "/hosted/exact", testRedirectURI + "?code=c0de", ""},
		{"a form_post below it", "/formpost-below", testRedirectURI + "/success?sessionId=s1&state=st", ""},
		{"a path that only starts alike", "/hosted/look-alike", "", "outside the sandbox"},
		{"dot segments leading out", "/hosted/dot-dot", "", "outside the sandbox"},
		{"another port", "/hosted/other-port", "", "outside the sandbox"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var requested []string
			hc := *srv.Client()
			base := hc.Transport
			hc.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
				requested = append(requested, r.URL.String())
				return base.RoundTrip(r)
			})
			link := srv.URL + tt.path
			got, err := SignIn(context.Background(), &hc, SignInRequest{AuthLink: link, RedirectURI: testRedirectURI,
				Username: "ada", Password: "lovelace"})
			for _, u := range requested {
				if !strings.HasPrefix(u, srv.URL) {
					t.Errorf("SignIn requested %s, outside the site", u)
				}
			}
			if tt.want == "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantMessage) || strings.Contains(err.Error(), "state=") {
					t.Fatalf("SignIn = %q, %v; want an error saying %q", got, err, tt.wantMessage)
				}
				return
			}
			if err != nil {
				t.Fatalf("SignIn: %v", err)
			}
			gu, _ := url.Parse(got)
			wu, _ := url.Parse(tt.want)
			if gu.Scheme+gu.Host+gu.Path != wu.Scheme+wu.Host+wu.Path || gu.Query().Encode() != wu.Query().Encode() {
				t.Fatalf("SignIn = %q, want %q", got, tt.want)
			}
		})
	}
}

// roundTripFunc is a function as an http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

// RoundTrip calls the function.
func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestAtOrBelow(t *testing.T) {
	tests := []struct {
		u, target string
		want      bool
	}{
		{"http://127.0.0.1:1/callback", "http://127.0.0.1:1/callback", true},
		{"http://127.0.0.1:1/callback/success?state=s", "http://127.0.0.1:1/callback", true},
		{"HTTP://127.0.0.1:1/callback/error", "http://127.0.0.1:1/callback", true},
		{"http://127.0.0.1:1/callbackx", "http://127.0.0.1:1/callback", false},
		{"http://127.0.0.1:1/", "http://127.0.0.1:1/callback", false},
		{"http://127.0.0.1:2/callback/success", "http://127.0.0.1:1/callback", false},
		{"https://127.0.0.1:1/callback/success", "http://127.0.0.1:1/callback", false},
		{"http://127.0.0.1/callback/success", "http://127.0.0.1:80/callback", true},
		{"http://127.0.0.1:1/anything", "http://127.0.0.1:1/", true},
		{"http://127.0.0.1:1", "http://127.0.0.1:1/", true},
		{"http://127.0.0.1:1/callback/../admin", "http://127.0.0.1:1/callback", false},
	}
	for _, tt := range tests {
		t.Run(tt.u+" under "+tt.target, func(t *testing.T) {
			u, _ := url.Parse(tt.u)
			target, _ := url.Parse(tt.target)
			if got := atOrBelow(u, target); got != tt.want {
				t.Errorf("atOrBelow = %v, want %v", got, tt.want)
			}
		})
	}
}
