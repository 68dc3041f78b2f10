package sandbox

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// testRedirectURI is the loopback redirect URI the tests' auth links carry.
const testRedirectURI = "http://127.0.0.1:53682/callback"

// serve serves a Sandbox configured by opts behind httptest and returns its base URLs.
func serve(t *testing.T, opts Options) (*Sandbox, *httptest.Server, URLs) {
	t.Helper()
	sb, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return sb, srv, URLsFor(srv.URL)
}

// authLink is a Signup+ auth link for the sandbox's client.
func authLink(sb *Sandbox, urls URLs) string {
	return urls.TrueLayerAuth + "/?" + url.Values{
		"response_type": {"code"},
		"client_id":     {sb.ClientID()},
		"redirect_uri":  {testRedirectURI},
		"scope":         {"info accounts signupplus offline_access"},
		"state":         {"st4te"},
	}.Encode()
}

// noRedirectClient is a client that shows redirects instead of following them.
func noRedirectClient() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
