package oneid

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"fmt"
	"net/http"
	"sync"

	"github.com/go-jose/go-jose/v4"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// signingAlgorithm is how ID tokens are signed, as OneID documents.
const signingAlgorithm = jose.PS256

// keyBits is the size of a key the Handler makes itself.
const keyBits = 2048

// signingKeys is the Handler's RSA key, made on first use so that a sandbox that never signs
// an ID token never pays for it.
type signingKeys struct {
	given *rsa.PrivateKey // from Config, if any

	once   sync.Once
	kid    string
	public jose.JSONWebKey
	signer jose.Signer
	err    error
}

// load returns the key's id, its public JWK and a PS256 signer that names the key id.
func (k *signingKeys) load() (kid string, public jose.JSONWebKey, signer jose.Signer, err error) {
	k.once.Do(func() {
		key := k.given
		if key == nil {
			if key, k.err = rsa.GenerateKey(rand.Reader, keyBits); k.err != nil {
				k.err = fmt.Errorf("make the signing key: %w", k.err)
				return
			}
		}
		pub := jose.JSONWebKey{Key: &key.PublicKey, Algorithm: string(signingAlgorithm), Use: "sig"}
		thumb, err := pub.Thumbprint(crypto.SHA256)
		if err != nil {
			k.err = fmt.Errorf("name the signing key: %w", err)
			return
		}
		pub.KeyID = base64.RawURLEncoding.EncodeToString(thumb) // RFC 7638: stable for the key
		k.kid, k.public = pub.KeyID, pub
		k.signer, k.err = jose.NewSigner(jose.SigningKey{Algorithm: signingAlgorithm,
			Key: jose.JSONWebKey{Key: key, KeyID: pub.KeyID}}, (&jose.SignerOptions{}).WithType("JWT"))
		if k.err != nil {
			k.err = fmt.Errorf("make the signer: %w", k.err)
		}
	})
	return k.kid, k.public, k.signer, k.err
}

// handleJWKS serves GET /jwks: the public signing key as a JWK set.
func (h *Handler) handleJWKS(w http.ResponseWriter, _ *http.Request) {
	_, public, _, err := h.keys.load()
	if err != nil {
		writeError(w, &apiError{http.StatusInternalServerError, "server_error", err.Error()})
		return
	}
	kit.WriteJSON(w, http.StatusOK, jose.JSONWebKeySet{Keys: []jose.JSONWebKey{public}})
}
