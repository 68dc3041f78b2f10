package truelayer

import (
	"net/url"
	"strings"

	"golang.org/x/oauth2"
)

// AuthRequest is what goes into an auth link.
type AuthRequest struct {
	RedirectURI string
	State       string
	Nonce       string
	// Scopes are space-joined into scope; nil means DataScopes().
	Scopes []string
	// Providers are offered for selection, e.g. {"uk-cs-mock"} in sandbox, {"uk-ob-all","uk-oauth-all"} live.
	Providers []string
	// ProviderID preselects a bank and skips the selection; it must be inside Providers.
	ProviderID string
	// Verifier is the PKCE verifier (oauth2.GenerateVerifier()); its S256 challenge goes into the link.
	Verifier string
	// ResponseMode is "" (code in the redirect's query) or "form_post".
	ResponseMode string
}

// AuthLink returns the link that starts the user's journey: the auth host's root with
// response_type, client_id, redirect_uri, scope, state, providers and, when set, provider_id,
// nonce, response_mode and the PKCE code_challenge (S256); spaces are encoded as %20.
func (c *Client) AuthLink(r AuthRequest) string {
	scopes := r.Scopes
	if scopes == nil {
		scopes = DataScopes()
	}
	params := [][2]string{
		{"response_type", "code"},
		{"client_id", c.creds.ClientID},
		{"redirect_uri", r.RedirectURI},
		{"scope", strings.Join(scopes, " ")},
		{"state", r.State},
		{"providers", strings.Join(r.Providers, " ")},
		{"provider_id", r.ProviderID},
		{"nonce", r.Nonce},
		{"response_mode", r.ResponseMode},
	}
	if r.Verifier != "" {
		params = append(params,
			[2]string{"code_challenge", oauth2.S256ChallengeFromVerifier(r.Verifier)},
			[2]string{"code_challenge_method", "S256"})
	}
	var b strings.Builder
	b.WriteString(c.hosts.Auth)
	b.WriteString("/?")
	first := true
	for _, p := range params {
		if p[1] == "" {
			continue
		}
		if !first {
			b.WriteByte('&')
		}
		first = false
		b.WriteString(p[0])
		b.WriteByte('=')
		b.WriteString(queryEscape(p[1]))
	}
	return b.String()
}

// queryEscape escapes a query value with spaces as %20, the form TrueLayer's docs show.
func queryEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}
