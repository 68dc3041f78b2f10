package ivy

import (
	"fmt"
	"net/http"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// Prefix is where the Handler answers: Ivy's API host is the sandbox's base URL plus Prefix.
const Prefix = "/ivy"

// The headers Ivy's calls and webhooks carry.
const (
	apiKeyHeader    = "X-Ivy-Api-Key"
	signatureHeader = "X-Ivy-Signature"
)

// The API's paths below Prefix; every call is a POST with a JSON body.
const (
	pathCreate        = "/api/service/data/session/create"
	pathDetails       = "/api/service/data/session/details"
	pathList          = "/api/service/data/session/list" // not published: follows the others' naming
	pathAccounts      = "/api/service/data/accounts/list"
	pathBalances      = "/api/service/data/account-balances/list"
	pathConsent       = "/api/service/data/consent/details"
	pathConsentRevoke = "/api/service/data/consent/revoke"
)

// defaultWebhookTimeout bounds one webhook delivery.
const defaultWebhookTimeout = 5 * time.Second

// Config configures a Handler; the zero value is a ready-to-use Ivy sandbox with the Mock bank
// that keeps its sessions in memory.
type Config struct {
	APIKey        string    // the X-Ivy-Api-Key every call must carry; default: 32 random bytes, hex
	WebhookSecret string    // signs the result webhooks; default: "whsec-" and 32 random bytes, hex
	Now           kit.Clock // default time.Now; tests inject a fake clock
	Banks         []Bank    // the banks the bank choice offers; default: just the Mock bank
	// StateFile, when set, is the JSON file the closed sessions and their data are kept in
	// across restarts: loaded by New, rewritten atomically after every change. Empty: memory only.
	StateFile string
	// Logf reports what goes wrong out of sight of any request: a webhook that could not be
	// delivered, a state file that could not be written. Nil: they are only recorded.
	Logf func(format string, args ...any)
	// WebhookTimeout bounds one webhook delivery; zero means five seconds.
	WebhookTimeout time.Duration
}

// Handler is Ivy's sandbox: the data API and the hosted pages, under Prefix.
type Handler struct {
	apiKey string
	clock  kit.Clock
	banks  []Bank
	pages  *kit.Pages
	store  *store
	hooks  *webhooks
	mux    *http.ServeMux
}

// New returns a Handler configured by cfg, with defaults filled in. With a state file it loads
// the sessions kept there; a file that is not a state file of this sandbox is an error, and
// the file is left untouched.
func New(cfg Config) (*Handler, error) {
	h := &Handler{
		apiKey: cfg.APIKey,
		clock:  cfg.Now,
		banks:  append([]Bank(nil), cfg.Banks...),
		pages:  parsePages(),
	}
	if h.apiKey == "" {
		h.apiKey = kit.RandomHex(32)
	}
	secret := cfg.WebhookSecret
	if secret == "" {
		secret = "whsec-" + kit.RandomHex(32)
	}
	if len(h.banks) == 0 {
		h.banks = []Bank{MockBank()}
	}
	logf := cfg.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	timeout := cfg.WebhookTimeout
	if timeout <= 0 {
		timeout = defaultWebhookTimeout
	}
	h.hooks = newWebhooks(secret, timeout, logf)
	st, err := openStore(cfg.StateFile, logf)
	if err != nil {
		return nil, fmt.Errorf("ivy sandbox: %w", err)
	}
	h.store = st
	h.mux = h.routes()
	return h, nil
}

// ServeHTTP serves Ivy's API and hosted pages; the request path keeps its prefix.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mux.ServeHTTP(w, r)
}

// APIKey returns the API key every call must carry in X-Ivy-Api-Key.
func (h *Handler) APIKey() string { return h.apiKey }

// WebhookSecret returns the secret the result webhooks are signed with.
func (h *Handler) WebhookSecret() string { return h.hooks.secret }

// StateFile returns the path of the file the closed sessions are kept in, or "" in memory.
func (h *Handler) StateFile() string { return h.store.path() }

// Prefixes returns the path prefixes the Handler answers under, for mounting it.
func (h *Handler) Prefixes() []string { return []string{Prefix} }

// Wait blocks until the webhooks being delivered are done: each ends within its timeout.
func (h *Handler) Wait() { h.hooks.wait() }

// now is the sandbox's current time.
func (h *Handler) now() time.Time { return h.clock.Now() }

// routes registers the API calls and the hosted pages on a mux of their own.
func (h *Handler) routes() *http.ServeMux {
	const p = Prefix
	mux := http.NewServeMux()
	mux.Handle(p+pathCreate, h.api(h.handleCreate))
	mux.Handle(p+pathDetails, h.api(h.handleDetails))
	mux.Handle(p+pathList, h.api(h.handleList))
	mux.Handle(p+pathAccounts, h.api(h.handleAccounts))
	mux.Handle(p+pathBalances, h.api(h.handleBalances))
	mux.Handle(p+pathConsent, h.api(h.handleConsent))
	mux.Handle(p+pathConsentRevoke, h.api(h.handleConsentRevoke))
	mux.HandleFunc("GET "+p+"/session/{sid}", h.handleSessionLink)
	mux.HandleFunc("GET "+p+"/session/{sid}/bank", h.handleBankPage)
	mux.HandleFunc("POST "+p+"/session/{sid}/bank", h.handleBankSubmit)
	mux.HandleFunc("GET "+p+"/session/{sid}/login", h.handleLoginPage)
	mux.HandleFunc("POST "+p+"/session/{sid}/login", h.handleLoginSubmit)
	mux.HandleFunc("GET "+p+"/session/{sid}/consent", h.handleConsentPage)
	mux.HandleFunc("POST "+p+"/session/{sid}/consent", h.handleConsentSubmit)
	mux.HandleFunc("GET "+p+"/logos/{file}", h.handleLogo)
	mux.HandleFunc(p+"/", h.handleNotFound)
	return mux
}
