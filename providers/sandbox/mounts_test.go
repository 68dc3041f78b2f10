package sandbox

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestMountedPaths checks that the root hands every request below a provider's prefixes to
// it unchanged, and answers the rest itself.
func TestMountedPaths(t *testing.T) {
	sb, srv, urls := serve(t, Options{})
	tests := []struct {
		name, method, url string
		wantStatus        int
		wantLocation      string // prefix of the Location header
		wantBody          string // part of the body
	}{
		{"the home page", "GET", srv.URL + "/", 200, "", "Embedded sandbox"},
		{"the home page only for GET", "POST", srv.URL + "/", 405, "", ""},
		{"outside every prefix", "GET", srv.URL + "/nothing/here", 404, "", "404 page not found"},
		{"the auth link at {auth}/", "GET", authLink(sb, urls), 302, "/truelayer/auth/consent/", ""},
		{"the auth link at {auth} without a slash", "GET", strings.Replace(authLink(sb, urls), "/?", "?", 1), 302, "/truelayer/auth/consent/", ""},
		{"the providers list", "GET", urls.TrueLayerAuth + "/api/providers?client_id=" + sb.ClientID(), 200, "", `"provider_id":"mock"`},
		{"TrueLayer answers an unknown auth path", "POST", urls.TrueLayerAuth + "/nothing", 404, "", `"error":"not_found"`},
		{"TrueLayer answers an unknown API path", "GET", urls.TrueLayerAPI + "/data/v2/me", 404, "", `"error":"not_found"`},
		{"the data API wants a token", "GET", urls.TrueLayerAPI + "/data/v1/me", 401, "", `"error":"invalid_token"`},
		{"{api} without a slash", "GET", urls.TrueLayerAPI, 307, "/truelayer/api/", ""},
		{"a prefix's look-alike is not mounted", "GET", srv.URL + "/truelayer/authx", 404, "", "404 page not found"},
		{"OneID's discovery", "GET", urls.OneID + "/.well-known/openid-configuration", 200, "", `"issuer":"` + urls.OneID + `"`},
		{"OneID's keys", "GET", urls.OneID + "/jwks", 200, "", `"kty":"RSA"`},
		{"OneID's authorize validates", "GET", urls.OneID + "/v2/authorize?client_id=nope", 400, "", `id="error-code">unauthorized_client`},
		{"OneID answers an unknown path", "GET", urls.OneID + "/authorize", 404, "", `"error":"not_found"`},
		{"OneID's userinfo wants a token", "GET", urls.OneID + "/userinfo", 401, "", `"error":"invalid_token"`},
		{"OneID's look-alike is not mounted", "GET", srv.URL + "/oneidx/userinfo", 404, "", "404 page not found"},
		{"Ivy's API wants its key", "POST", urls.Ivy + "/api/service/data/session/details", 401, "", `"code":"UNAUTHORIZED"`},
		{"Ivy answers an unknown path", "POST", urls.Ivy + "/api", 404, "", `"code":"NOT_FOUND"`},
		{"Ivy's hosted pages", "GET", urls.Ivy + "/session/nope", 404, "", `id="error-code">invalid_request`},
		{"Ivy's bank logo", "GET", urls.Ivy + "/logos/mock.svg", 200, "", "<svg"},
		{"Ivy's look-alike is not mounted", "POST", srv.URL + "/ivyx/api/service/data/session/details", 404, "", "404 page not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, tt.url, nil)
			resp, err := noRedirectClient().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.wantStatus || !strings.HasPrefix(resp.Header.Get("Location"), tt.wantLocation) ||
				!strings.Contains(string(body), tt.wantBody) {
				t.Fatalf("got %d Location %q: %s", resp.StatusCode, resp.Header.Get("Location"), body)
			}
		})
	}
}
