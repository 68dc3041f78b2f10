package truelayer

import (
	"maps"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/linkstep/linkstep/providers"
)

func TestAuthLink(t *testing.T) {
	const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	signup := append(DataScopes(), ScopeSignupPlus)
	tests := []struct {
		name  string
		hosts Hosts
		req   AuthRequest
		want  map[string]string
	}{
		{
			name:  "sandbox signup+ with PKCE",
			hosts: HostsFor(providers.Sandbox),
			req: AuthRequest{
				RedirectURI: "http://127.0.0.1:53682/callback", State: "st-1", Nonce: "n-1",
				Scopes: signup, Providers: []string{"uk-cs-mock"}, ProviderID: "mock", Verifier: verifier,
			},
			want: map[string]string{
				"response_type": "code", "client_id": testCreds.ClientID,
				"redirect_uri": "http://127.0.0.1:53682/callback",
				"scope":        "info accounts balance cards transactions direct_debits standing_orders offline_access signupplus",
				"state":        "st-1", "nonce": "n-1", "providers": "uk-cs-mock", "provider_id": "mock",
				"code_challenge": oauth2.S256ChallengeFromVerifier(verifier), "code_challenge_method": "S256",
			},
		},
		{
			name:  "live, default scopes, several provider groups, form_post, no PKCE",
			hosts: HostsFor(providers.Live),
			req: AuthRequest{
				RedirectURI: "https://example.com/cb", State: "st-2",
				Providers: []string{"uk-ob-all", "uk-oauth-all"}, ResponseMode: "form_post",
			},
			want: map[string]string{
				"response_type": "code", "client_id": testCreds.ClientID, "redirect_uri": "https://example.com/cb",
				"scope": strings.Join(DataScopes(), " "), "state": "st-2", "providers": "uk-ob-all uk-oauth-all",
				"response_mode": "form_post",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			link := New(tt.hosts, testCreds, nil).AuthLink(tt.req)
			u, err := url.Parse(link)
			if err != nil {
				t.Fatalf("parse %q: %v", link, err)
			}
			if got := u.Scheme + "://" + u.Host; got != tt.hosts.Auth {
				t.Errorf("host = %q, want %q", got, tt.hosts.Auth)
			}
			if u.Path != "/" {
				t.Errorf("path = %q, want the host root /", u.Path)
			}
			if strings.Contains(u.RawQuery, "+") {
				t.Errorf("spaces should be %%20: %s", u.RawQuery)
			}
			got := map[string]string{}
			for k, v := range u.Query() {
				if len(v) != 1 {
					t.Errorf("param %s appears %d times", k, len(v))
				}
				got[k] = v[0]
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("params\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}
