package truelayer

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// ErrNotJWT is returned by CredentialsID when the access token is not a JWT.
const ErrNotJWT = sentinel("access token is not a JWT")

// CredentialsID returns the connection's credentials_id: the `sub` claim of the access
// token's payload (the signature is not checked).
func CredentialsID(accessToken string) (string, error) {
	parts := strings.Split(accessToken, ".")
	if len(parts) != 3 {
		return "", fmt.Errorf("credentials id: %w (%d parts, want 3)", ErrNotJWT, len(parts))
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return "", fmt.Errorf("credentials id: %w: payload is not base64url: %v", ErrNotJWT, err)
	}
	var claims struct {
		Sub string `json:"sub"`
	}
	if err := json.Unmarshal(payload, &claims); err != nil {
		return "", fmt.Errorf("credentials id: %w: payload is not JSON: %v", ErrNotJWT, err)
	}
	if claims.Sub == "" {
		return "", errors.New("credentials id: the access token has no sub claim")
	}
	return claims.Sub, nil
}
