package truelayer

import (
	"fmt"
	"net/http"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// Path prefixes of TrueLayer's two hosts inside the sandbox.
const (
	AuthPrefix = "/truelayer/auth" // the auth server: auth link, pages, token, providers list
	APIPrefix  = "/truelayer/api"  // the data API: /data/v1/..., /signup-plus/...
)

// DefaultClientID is the client id a Handler accepts when Config.ClientID is empty.
const DefaultClientID = "sandbox-linkstep"

// Config configures a Handler; the zero value is a ready-to-use TrueLayer sandbox with the
// Mock bank, keeping its state in memory.
type Config struct {
	ClientID          string    // default DefaultClientID
	ClientSecret      string    // default: 32 random bytes, hex, generated per Handler
	Now               kit.Clock // default time.Now; tests inject a fake clock
	Banks             []Bank    // default: just the Mock bank
	ExtraRedirectURIs []string  // additionally allowed redirect URIs (exact match)

	// StateFile, when set, is the JSON file the connections outlive the process in: the
	// access tokens' signing key and every connection (its refresh token included), loaded when
	// the Handler is made and replaced atomically after every change (0600, in a 0700
	// directory created if missing). A connection made by one process can then be refreshed,
	// extended and re-authenticated by the next, even with another client secret: the client
	// id must stay the same. Auth sessions and codes are not kept. A file that cannot be read
	// or is not a state file is never overwritten: Open returns the error, and New goes on in
	// memory, without writing the file, and reports the error from StateProblem.
	StateFile string
}

// Handler is TrueLayer's sandbox: the auth server under AuthPrefix and the data API under
// APIPrefix, with the mock bank's users behind the Mock bank.
type Handler struct {
	clientID     string
	clientSecret string
	clock        kit.Clock
	banks        []Bank
	extraURIs    []string
	tokenKey     []byte // HS256 key of the access tokens
	pages        *kit.Pages
	store        *store
	state        *stateKeeper // nil without Config.StateFile
	mux          *http.ServeMux
}

// Open returns a Handler configured by cfg, with defaults filled in and, with cfg.StateFile,
// the state the file holds; it fails when the state file cannot be read or is not one.
func Open(cfg Config) (*Handler, error) {
	h := newHandler(cfg)
	if cfg.StateFile == "" {
		return h, nil
	}
	if err := h.loadOrCreateState(cfg.StateFile); err != nil {
		return nil, fmt.Errorf("%w; the file is left untouched: move it away or delete it to start afresh", err)
	}
	h.state = &stateKeeper{path: cfg.StateFile}
	h.store.changed = h.saveState
	return h, nil
}

// New returns a Handler configured by cfg, with defaults filled in. When cfg.StateFile cannot
// be loaded, the Handler keeps its state in memory only, leaves the file alone, and
// StateProblem says why.
func New(cfg Config) *Handler {
	h, err := Open(cfg)
	if err != nil {
		h = newHandler(cfg)
		h.state = &stateKeeper{path: cfg.StateFile, problem: err, readOnly: true}
	}
	return h
}

// newHandler returns a Handler with its state in memory.
func newHandler(cfg Config) *Handler {
	h := &Handler{
		clientID:     cfg.ClientID,
		clientSecret: cfg.ClientSecret,
		clock:        cfg.Now,
		banks:        append([]Bank(nil), cfg.Banks...),
		extraURIs:    append([]string(nil), cfg.ExtraRedirectURIs...),
		tokenKey:     kit.RandomBytes(32),
		pages:        parsePages(),
		store:        newStore(),
	}
	if h.clientID == "" {
		h.clientID = DefaultClientID
	}
	if h.clientSecret == "" {
		h.clientSecret = kit.RandomHex(32)
	}
	if len(h.banks) == 0 {
		h.banks = []Bank{MockBank()}
	}
	for i := range h.banks {
		if len(h.banks[i].Scopes) == 0 {
			h.banks[i].Scopes = allScopes()
		}
	}
	h.mux = h.routes()
	return h
}

// ServeHTTP serves both hosts; the request path keeps its prefix.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mux.ServeHTTP(w, r)
}

// ClientID returns the client id the sandbox accepts.
func (h *Handler) ClientID() string { return h.clientID }

// ClientSecret returns the client secret the sandbox accepts.
func (h *Handler) ClientSecret() string { return h.clientSecret }

// Prefixes returns the path prefixes the Handler answers under, for mounting it.
func (h *Handler) Prefixes() []string { return []string{AuthPrefix, APIPrefix} }

// now is the sandbox's current time.
func (h *Handler) now() time.Time { return h.clock.Now() }

// routes registers every endpoint of the auth server and the data API on a mux of its own.
func (h *Handler) routes() *http.ServeMux {
	const a, api = AuthPrefix, APIPrefix
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+a+"/{$}", h.handleAuthLink)
	mux.HandleFunc("GET "+a, h.handleAuthLink)
	mux.HandleFunc("GET "+a+"/select/{sid}", h.handleSelectPage)
	mux.HandleFunc("POST "+a+"/select/{sid}", h.handleSelectSubmit)
	mux.HandleFunc("GET "+a+"/consent/{sid}", h.handleConsentPage)
	mux.HandleFunc("POST "+a+"/consent/{sid}", h.handleConsentSubmit)
	mux.HandleFunc("GET "+a+"/bank/{sid}", h.handleLoginPage)
	mux.HandleFunc("POST "+a+"/bank/{sid}", h.handleLoginSubmit)
	mux.HandleFunc("GET "+a+"/logos/{file}", h.handleLogo)
	mux.HandleFunc("POST "+a+"/connect/token", h.handleToken)
	mux.HandleFunc("GET "+a+"/api/providers", h.handleProviders)
	mux.HandleFunc("POST "+a+"/v1/reauthuri", h.handleReauthURI)
	mux.HandleFunc("DELETE "+a+"/api/delete", h.handleDelete)
	mux.HandleFunc(a+"/", h.handleAuthNotFound)

	mux.HandleFunc("GET "+api+"/signup-plus/accounts", h.handleSignupPlusAccounts)
	mux.HandleFunc("GET "+api+"/data/v1/me", h.handleMe)
	mux.HandleFunc("GET "+api+"/data/v1/info", h.handleInfo)
	mux.HandleFunc("GET "+api+"/data/v1/accounts", h.handleAccounts)
	mux.HandleFunc("GET "+api+"/data/v1/accounts/{account_id}", h.handleAccount)
	mux.HandleFunc("GET "+api+"/data/v1/accounts/{account_id}/balance", h.handleBalance)
	mux.HandleFunc("GET "+api+"/data/v1/accounts/{account_id}/transactions", h.handleTransactions)
	mux.HandleFunc("POST "+api+"/data/v1/connections/extend", h.handleExtend)
	mux.HandleFunc(api+"/", h.handleAPINotFound)
	return mux
}
