package oneid

import (
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"testing"

	"github.com/go-jose/go-jose/v4"
)

func TestDiscovery(t *testing.T) {
	e := newTestEnv(t, Config{})
	status, _, body := e.get("/.well-known/openid-configuration", "")
	if status != http.StatusOK {
		t.Fatalf("discovery: %d %s", status, body)
	}
	var d map[string]any
	if err := json.Unmarshal(body, &d); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"issuer":                                e.iss,
		"authorization_endpoint":                e.iss + "/v2/authorize",
		"token_endpoint":                        e.iss + "/token",
		"userinfo_endpoint":                     e.iss + "/userinfo",
		"jwks_uri":                              e.iss + "/jwks",
		"response_types_supported":              []any{"code"},
		"id_token_signing_alg_values_supported": []any{"PS256"},
		"token_endpoint_auth_methods_supported": []any{"client_secret_basic", "none"},
		"code_challenge_methods_supported":      []any{"S256"},
	}
	for k, v := range want {
		if !reflect.DeepEqual(d[k], v) {
			t.Errorf("%s = %v, want %v", k, d[k], v)
		}
	}
	scopes, _ := d["scopes_supported"].([]any)
	for _, sc := range append(claimScopes(), products()...) {
		if !slices.Contains(scopes, any(sc)) {
			t.Errorf("scopes_supported lacks %s", sc)
		}
	}
	claims, _ := d["claims_supported"].([]any)
	for _, c := range []string{"sub", "name", "birthdate", "address", "email", "phone_number", "fraud", "nonce"} {
		if !slices.Contains(claims, any(c)) {
			t.Errorf("claims_supported lacks %s", c)
		}
	}
}

func TestJWKS(t *testing.T) {
	e := newTestEnv(t, Config{})
	status, _, body := e.get("/jwks", "")
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(body, &set); status != http.StatusOK || err != nil || len(set.Keys) != 1 {
		t.Fatalf("jwks: %d %v %s", status, err, body)
	}
	k := set.Keys[0]
	pub, ok := k.Key.(*rsa.PublicKey)
	if !ok || !k.IsPublic() || k.KeyID == "" || k.Algorithm != "PS256" || k.Use != "sig" || !pub.Equal(&testKey().PublicKey) {
		t.Fatalf("key %+v", k)
	}
	// The key id is the key's: a second Handler with the same key names it the same.
	_, _, again := newTestEnv(t, Config{}).get("/jwks", "")
	var set2 jose.JSONWebKeySet
	if err := json.Unmarshal(again, &set2); err != nil || set2.Keys[0].KeyID != k.KeyID {
		t.Errorf("key id changed: %s vs %s", again, body)
	}
}

func TestAGeneratedKey(t *testing.T) {
	h := New(Config{})
	kid, public, signer, err := h.keys.load()
	if err != nil || kid == "" || signer == nil || public.Key.(*rsa.PublicKey).N.BitLen() != keyBits {
		t.Fatalf("load: %q %v %v", kid, signer, err)
	}
}
