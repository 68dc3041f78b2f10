package oneid

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// verifyIDToken checks raw as a client would, with go-jose against the published JWKS: a
// PS256 signature by the key its kid names. It returns the claims.
func verifyIDToken(t *testing.T, e *testEnv, raw string) idTokenClaims {
	t.Helper()
	status, _, body := e.get("/jwks", "")
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(body, &set); status != http.StatusOK || err != nil {
		t.Fatalf("jwks: %d %v", status, err)
	}
	tok, err := jwt.ParseSigned(raw, []jose.SignatureAlgorithm{jose.PS256})
	if err != nil {
		t.Fatalf("parse the ID token: %v", err)
	}
	if len(tok.Headers) != 1 || tok.Headers[0].Algorithm != "PS256" || tok.Headers[0].KeyID == "" {
		t.Fatalf("headers %+v", tok.Headers)
	}
	keys := set.Key(tok.Headers[0].KeyID)
	if len(keys) != 1 {
		t.Fatalf("the JWKS has no key %q", tok.Headers[0].KeyID)
	}
	var claims idTokenClaims
	if err := tok.Claims(keys[0].Key, &claims); err != nil {
		t.Fatalf("verify the ID token: %v", err)
	}
	return claims
}

func TestIDToken(t *testing.T) {
	e := newTestEnv(t, Config{})
	signedAt := e.clock.Now()
	code, verifier := e.codeFor("janet", allScopes)
	e.clock.Advance(90 * time.Second)
	status, _, body := e.postToken(exchangeForm(code, verifier), e.h.ClientID(), e.h.ClientSecret())
	if status != http.StatusOK {
		t.Fatalf("exchange: %d %v", status, body)
	}
	raw := body["id_token"].(string)
	c := verifyIDToken(t, e, raw)
	now := e.clock.Now().Unix()
	want := idTokenClaims{Issuer: e.iss, Subject: "6f35afb8-42ee-5b82-88be-29ee7dc0f762", Audience: e.h.ClientID(),
		Expiry: now + 300, IssuedAt: now, AuthTime: signedAt.Unix(), Nonce: "n0nce"}
	if c != want {
		t.Fatalf("claims %+v, want %+v", c, want)
	}
	// go-jose's own validation agrees: issuer, audience, expiry.
	tok, _ := jwt.ParseSigned(raw, []jose.SignatureAlgorithm{jose.PS256})
	var std jwt.Claims
	if err := tok.Claims(&testKey().PublicKey, &std); err != nil {
		t.Fatal(err)
	}
	if err := std.Validate(jwt.Expected{Issuer: e.iss, AnyAudience: jwt.Audience{e.h.ClientID()}, Time: e.clock.Now()}); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if err := std.Validate(jwt.Expected{Time: e.clock.Now().Add(7 * time.Minute)}); err == nil { // leeway: 1 minute
		t.Error("the ID token is still valid after 7 minutes")
	}
	// Another key does not verify it.
	other := newTestEnv(t, Config{SigningKey: mustKey(t)})
	_, _, otherJWKS := other.get("/jwks", "")
	var set jose.JSONWebKeySet
	_ = json.Unmarshal(otherJWKS, &set)
	if err := tok.Claims(set.Keys[0].Key, &std); err == nil {
		t.Error("another key verifies the ID token")
	}
}
