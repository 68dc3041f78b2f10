package oneid

import (
	"fmt"

	"github.com/go-jose/go-jose/v4/jwt"
)

// idTokenClaims are the claims of an ID token.
type idTokenClaims struct {
	Issuer   string `json:"iss"`
	Subject  string `json:"sub"`
	Audience string `json:"aud"`
	Expiry   int64  `json:"exp"`
	IssuedAt int64  `json:"iat"`
	AuthTime int64  `json:"auth_time"`
	Nonce    string `json:"nonce"`
}

// signIDToken returns the claims as a compact JWT signed PS256 with the Handler's key, its
// key id in the header.
func (h *Handler) signIDToken(c idTokenClaims) (string, error) {
	_, _, signer, err := h.keys.load()
	if err != nil {
		return "", fmt.Errorf("sign the ID token: %w", err)
	}
	token, err := jwt.Signed(signer).Claims(c).Serialize()
	if err != nil {
		return "", fmt.Errorf("sign the ID token: %w", err)
	}
	return token, nil
}
