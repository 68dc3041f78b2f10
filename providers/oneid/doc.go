// Package oneid is a client for OneID's OpenID Connect API and for any standard OpenID
// provider: the authorization link with PKCE, the token endpoint through golang.org/x/oauth2
// (HTTP Basic for confidential clients, none for public ones), ID token verification with
// github.com/coreos/go-oidc/v3 (signature by the provider's keys, issuer, audience, expiry,
// nonce), /userinfo, and OneID's /ageverification, /accounts and /userinfo/report.
package oneid
