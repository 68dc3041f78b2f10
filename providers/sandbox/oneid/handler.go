package oneid

import (
	"crypto/rsa"
	"fmt"
	"net/http"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// Prefix is where the Handler answers; the issuer is the sandbox's base URL plus Prefix.
const Prefix = "/oneid"

// DefaultClientID is the confidential client a Handler accepts when Config.ClientID is empty.
const DefaultClientID = "sandbox-linkstep"

// DefaultPublicClientID is the public client (no secret, PKCE only) a Handler accepts when
// Config.PublicClientID is empty.
const DefaultPublicClientID = "sandbox-linkstep-public"

// requestIDHeader carries the id of every answer, as OneID's answers do.
const requestIDHeader = "X-Request-Id"

// Config configures a Handler; the zero value is a ready-to-use OneID sandbox.
type Config struct {
	ClientID          string          // the confidential client; default DefaultClientID
	ClientSecret      string          // its secret; default: 32 random bytes, hex, per Handler
	PublicClientID    string          // the public client; default DefaultPublicClientID
	Now               kit.Clock       // default time.Now; tests inject a fake clock
	ExtraRedirectURIs []string        // additionally allowed redirect URIs (exact match)
	SigningKey        *rsa.PrivateKey // signs the ID tokens; default: a 2048-bit key made on first use
}

// Handler is OneID's sandbox: discovery, keys, the authorization request and its page at the
// mock bank, the token endpoint and the data calls, all under Prefix.
type Handler struct {
	clientID       string
	clientSecret   string
	publicClientID string
	clock          kit.Clock
	extraURIs      []string
	keys           *signingKeys
	pages          *kit.Pages
	store          *store
	mux            *http.ServeMux
}

// New returns a Handler configured by cfg, with defaults filled in.
func New(cfg Config) *Handler {
	h := &Handler{
		clientID:       cfg.ClientID,
		clientSecret:   cfg.ClientSecret,
		publicClientID: cfg.PublicClientID,
		clock:          cfg.Now,
		extraURIs:      append([]string(nil), cfg.ExtraRedirectURIs...),
		keys:           &signingKeys{given: cfg.SigningKey},
		pages:          parsePages(),
		store:          newStore(),
	}
	if h.clientID == "" {
		h.clientID = DefaultClientID
	}
	if h.clientSecret == "" {
		h.clientSecret = kit.RandomHex(32)
	}
	if h.publicClientID == "" {
		h.publicClientID = DefaultPublicClientID
	}
	h.mux = h.routes()
	return h
}

// ServeHTTP serves OneID's endpoints; the request path keeps its prefix. Every answer carries
// an X-Request-Id.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set(requestIDHeader, newRequestID())
	h.mux.ServeHTTP(w, r)
}

// ClientID returns the confidential client's id.
func (h *Handler) ClientID() string { return h.clientID }

// ClientSecret returns the confidential client's secret.
func (h *Handler) ClientSecret() string { return h.clientSecret }

// PublicClientID returns the public client's id.
func (h *Handler) PublicClientID() string { return h.publicClientID }

// Prefixes returns the path prefixes the Handler answers under, for mounting it.
func (h *Handler) Prefixes() []string { return []string{Prefix} }

// now is the sandbox's current time.
func (h *Handler) now() time.Time { return h.clock.Now() }

// issuer is the issuer as the request reached it: the sandbox's base URL plus Prefix.
func issuer(r *http.Request) string { return kit.BaseURL(r) + Prefix }

// routes registers every endpoint on a mux of its own.
func (h *Handler) routes() *http.ServeMux {
	const p = Prefix
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+p+"/.well-known/openid-configuration", h.handleDiscovery)
	mux.HandleFunc("GET "+p+"/jwks", h.handleJWKS)
	mux.HandleFunc("GET "+p+"/v2/authorize", h.handleAuthorize)
	mux.HandleFunc("GET "+p+"/bank/{sid}", h.handleCustomersPage)
	mux.HandleFunc("POST "+p+"/bank/{sid}", h.handleCustomersSubmit)
	mux.HandleFunc("POST "+p+"/token", h.handleToken)
	mux.HandleFunc("GET "+p+"/userinfo", h.handleUserInfo)
	mux.HandleFunc("GET "+p+"/userinfo/report", h.handleReport)
	mux.HandleFunc("GET "+p+"/ageverification", h.handleAgeVerification)
	mux.HandleFunc("GET "+p+"/accounts", h.handleAccounts)
	mux.HandleFunc(p+"/", h.handleNotFound)
	return mux
}

// newRequestID is a random UUID (version 4) naming one answer.
func newRequestID() string {
	b := kit.RandomBytes(16)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
