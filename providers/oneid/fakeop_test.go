package oneid_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// fakeOP is a minimal OpenID provider for the client's tests: discovery, keys, a token endpoint
// that hands out whatever ID token the test prepared, and userinfo. The embedded sandbox is
// tested against the client elsewhere; this one lets a test forge tokens.
type fakeOP struct {
	t      *testing.T
	srv    *httptest.Server
	key    *rsa.PrivateKey // the key the JWKS publishes
	mu     sync.Mutex
	token  map[string]any // the next token answer
	basic  [2]string      // the Basic credentials the last token call carried
	form   map[string]string
	header http.Header // extra answer headers
}

// newFakeOP starts a provider whose issuer is its own URL.
func newFakeOP(t *testing.T) *fakeOP {
	t.Helper()
	op := &fakeOP{t: t, key: newKey(t), header: http.Header{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, map[string]any{
			"issuer": op.srv.URL, "authorization_endpoint": op.srv.URL + "/authorize", "token_endpoint": op.srv.URL + "/token",
			"userinfo_endpoint": op.srv.URL + "/userinfo", "jwks_uri": op.srv.URL + "/jwks",
			"id_token_signing_alg_values_supported": []string{"PS256"},
		})
	})
	mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &op.key.PublicKey, KeyID: "k1", Algorithm: "PS256", Use: "sig"}}})
	})
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		op.mu.Lock()
		defer op.mu.Unlock()
		op.basic[0], op.basic[1], _ = r.BasicAuth()
		op.form = map[string]string{}
		for k := range r.PostForm {
			op.form[k] = r.PostForm.Get(k)
		}
		for k, v := range op.header {
			w.Header()[k] = v
		}
		writeJSON(w, op.token)
	})
	mux.HandleFunc("GET /userinfo", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer opaque-access" {
			w.WriteHeader(http.StatusUnauthorized)
			writeJSON(w, map[string]string{"error": "invalid_token", "error_description": "unknown token"})
			return
		}
		w.Header().Set("X-Request-Id", "req-userinfo")
		writeJSON(w, map[string]any{"sub": "user-1", "name": "Janet Davidson", "unverified_claims": map[string]any{"claims": map[string]any{"name": "Mary Smith"}}, "fraud": map[string]any{"nationalSIRAFraud": true}})
	})
	op.srv = httptest.NewServer(mux)
	t.Cleanup(op.srv.Close)
	return op
}

// idToken signs claims with key (the published one unless the test forges) as PS256.
func (op *fakeOP) idToken(key *rsa.PrivateKey, claims map[string]any) string {
	op.t.Helper()
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.PS256, Key: jose.JSONWebKey{Key: key, KeyID: "k1"}}, (&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		op.t.Fatal(err)
	}
	raw, err := jwt.Signed(signer).Claims(claims).Serialize()
	if err != nil {
		op.t.Fatal(err)
	}
	return raw
}

// claims are valid ID token claims for the client, changed by the test as it likes.
func (op *fakeOP) claims(clientID, nonce string) map[string]any {
	now := time.Now()
	return map[string]any{"iss": op.srv.URL, "sub": "user-1", "aud": clientID, "nonce": nonce, "iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix()}
}

// answer sets the next token answer.
func (op *fakeOP) answer(idToken string) {
	op.mu.Lock()
	defer op.mu.Unlock()
	op.token = map[string]any{"access_token": "opaque-access", "token_type": "Bearer", "expires_in": 300, "id_token": idToken}
}

func newKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
