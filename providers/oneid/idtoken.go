package oneid

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
)

// IDToken is a verified ID token: who it is about, for whom, until when, and every claim.
type IDToken struct {
	Issuer   string
	Subject  string
	Audience []string
	IssuedAt time.Time
	Expiry   time.Time
	Nonce    string
	// Claims are the token's claims exactly as signed.
	Claims json.RawMessage
}

// VerifyIDToken checks raw the way OpenID Connect asks: the signature by one of the provider's
// keys (from its jwks_uri), the issuer, this client's id in the audience, the expiry, and the
// nonce the authorization link carried. Each failure is an *Error with code invalid_id_token
// and a description that says which check failed. Discover first.
func (c *Client) VerifyIDToken(ctx context.Context, raw, nonce string) (IDToken, error) {
	const op = "verify the ID token"
	if c.Endpoints().JWKS == "" {
		return IDToken{}, &Error{Provider: c.who(), Op: op, Code: "invalid_id_token", Description: "the provider's signing keys are unknown: discover it first"}
	}
	tok, err := c.verifier(ctx).Verify(ctx, raw)
	if err != nil {
		return IDToken{}, &Error{Provider: c.who(), Op: op, Code: "invalid_id_token", Description: explainVerifyError(err)}
	}
	if tok.Nonce != nonce {
		return IDToken{}, &Error{Provider: c.who(), Op: op, Code: "invalid_id_token", Description: "the nonce does not match the authorization link's: the token was not issued for this sign-in"}
	}
	var claims json.RawMessage
	if err := tok.Claims(&claims); err != nil {
		return IDToken{}, &Error{Provider: c.who(), Op: op, Code: "invalid_id_token", Description: "claims: " + err.Error()}
	}
	return IDToken{Issuer: tok.Issuer, Subject: tok.Subject, Audience: tok.Audience, IssuedAt: tok.IssuedAt, Expiry: tok.Expiry, Nonce: tok.Nonce, Claims: claims}, nil
}

// explainVerifyError says in words which of go-oidc's checks refused the token.
func explainVerifyError(err error) string {
	var expired *oidc.TokenExpiredError
	msg := err.Error()
	switch {
	case errors.As(err, &expired):
		return "the token expired at " + expired.Expiry.UTC().Format(time.RFC3339)
	case strings.Contains(msg, "failed to verify signature"), strings.Contains(msg, "verify signature"):
		return "the signature does not match any of the provider's keys (" + msg + ")"
	case strings.Contains(msg, "expected audience"):
		return "the token was issued to another client (" + msg + ")"
	case strings.Contains(msg, "different provider"):
		return "the token was issued by another provider (" + msg + ")"
	case strings.Contains(msg, "malformed jwt"), strings.Contains(msg, "malformed JWT"):
		return "the token is not a well-formed JWT (" + msg + ")"
	default:
		return msg
	}
}
