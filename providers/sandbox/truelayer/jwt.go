package truelayer

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Access token verification failures.
var (
	errTokenMalformed = errors.New("the access token is not a well-formed JWT")
	errTokenSignature = errors.New("the access token's signature does not verify")
	errTokenExpired   = errors.New("the access token expired")
)

// accessClaims are the claims of an access token; sub is the connection's credentials_id.
type accessClaims struct {
	Issuer    string   `json:"iss"`
	Subject   string   `json:"sub"`
	ClientID  string   `json:"client_id"`
	Scope     []string `json:"scope"`
	IssuedAt  int64    `json:"iat"`
	NotBefore int64    `json:"nbf"`
	Expires   int64    `json:"exp"`
	ID        string   `json:"jti"`
}

// jwtHeader is the only header the sandbox issues and accepts.
const jwtHeader = `{"alg":"HS256","typ":"JWT"}`

// signAccessToken returns the claims as an HS256 JWT signed with the sandbox's key.
func (h *Handler) signAccessToken(c accessClaims) (string, error) {
	payload, err := json.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("encode access token claims: %w", err)
	}
	enc := base64.RawURLEncoding
	signed := enc.EncodeToString([]byte(jwtHeader)) + "." + enc.EncodeToString(payload)
	return signed + "." + enc.EncodeToString(h.jwtSignature(signed)), nil
}

// verifyAccessToken checks an access token's signature and expiry and returns its claims.
func (h *Handler) verifyAccessToken(token string, now time.Time) (accessClaims, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return accessClaims{}, errTokenMalformed
	}
	enc := base64.RawURLEncoding
	header, err := enc.DecodeString(parts[0])
	if err != nil || string(header) != jwtHeader {
		return accessClaims{}, errTokenMalformed
	}
	sig, err := enc.DecodeString(parts[2])
	if err != nil {
		return accessClaims{}, errTokenMalformed
	}
	if !hmac.Equal(sig, h.jwtSignature(parts[0]+"."+parts[1])) {
		return accessClaims{}, errTokenSignature
	}
	payload, err := enc.DecodeString(parts[1])
	if err != nil {
		return accessClaims{}, errTokenMalformed
	}
	var c accessClaims
	if err := json.Unmarshal(payload, &c); err != nil {
		return accessClaims{}, fmt.Errorf("%w: %w", errTokenMalformed, err)
	}
	if now.Unix() >= c.Expires {
		return accessClaims{}, errTokenExpired
	}
	return c, nil
}

// jwtSignature is the HMAC-SHA256 of the signing input.
func (h *Handler) jwtSignature(signingInput string) []byte {
	mac := hmac.New(sha256.New, h.tokenKey)
	mac.Write([]byte(signingInput))
	return mac.Sum(nil)
}
