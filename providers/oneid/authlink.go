package oneid

import (
	"strings"

	"golang.org/x/oauth2"
)

// AuthRequest is what goes into an authorization link.
type AuthRequest struct {
	RedirectURI string
	State       string
	Nonce       string
	Verifier    string   // PKCE verifier; its S256 challenge goes into the link
	Scopes      []string // claim scopes and, for OneID, exactly one product scope
}

// AuthLink returns the authorization link: response_type=code, client_id, redirect_uri,
// scope, state, nonce and the PKCE challenge. Discover first at an issuer other than OneID.
func (c *Client) AuthLink(r AuthRequest) string {
	opts := []oauth2.AuthCodeOption{oauth2.SetAuthURLParam("nonce", r.Nonce)}
	if r.Verifier != "" {
		opts = append(opts, oauth2.S256ChallengeOption(r.Verifier))
	}
	link := c.oauthConfig(r.RedirectURI, r.Scopes).AuthCodeURL(r.State, opts...)
	return strings.Replace(link, "+", "%20", -1) // scopes joined by spaces, as the docs show
}
