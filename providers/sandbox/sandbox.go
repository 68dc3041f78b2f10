package sandbox

import (
	"net/http"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// DefaultClientID is the client id a Sandbox accepts when Options.ClientID is empty.
const DefaultClientID = "sandbox-linkstep"

// Options configure a Sandbox; the zero value is a ready-to-use sandbox with the Mock bank.
type Options struct {
	ClientID          string           // default "sandbox-linkstep"
	ClientSecret      string           // default: 32 random bytes, hex, generated per Sandbox
	Now               func() time.Time // default time.Now; tests inject a fake clock
	Banks             []Bank           // default: just the Mock bank
	ExtraRedirectURIs []string         // additionally allowed redirect URIs (exact match)
}

// Bank is a provider offered on the bank selection page and by /api/providers.
type Bank struct {
	ID      string   // provider_id, e.g. "mock"
	Name    string   // display_name, e.g. "Mock"
	Country string   // country, lower case, e.g. "uk"
	LogoURL string   // logo_url; empty means a logo served by the sandbox itself
	Scopes  []string // scopes the bank supports; empty means every TrueLayer scope
}

// MockBank is the sandbox Mock bank, the only bank of a default Sandbox.
func MockBank() Bank {
	return Bank{ID: "mock", Name: "Mock", Country: "uk", Scopes: allTrueLayerScopes()}
}

// Sandbox emulates the providers' sandbox environments; it is an http.Handler.
type Sandbox struct {
	clientID     string
	clientSecret string
	now          func() time.Time
	banks        []Bank
	extraURIs    []string
	tokenKey     []byte // HS256 key of the access tokens
	pages        *kit.Pages
	store        *store
	mux          *http.ServeMux
}

// New returns a Sandbox configured by opts, with defaults filled in.
func New(opts Options) *Sandbox {
	s := &Sandbox{
		clientID:     opts.ClientID,
		clientSecret: opts.ClientSecret,
		now:          opts.Now,
		banks:        append([]Bank(nil), opts.Banks...),
		extraURIs:    append([]string(nil), opts.ExtraRedirectURIs...),
		tokenKey:     kit.RandomBytes(32),
		pages:        parsePages(),
		store:        newStore(),
	}
	if s.clientID == "" {
		s.clientID = DefaultClientID
	}
	if s.clientSecret == "" {
		s.clientSecret = kit.RandomHex(32)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if len(s.banks) == 0 {
		s.banks = []Bank{MockBank()}
	}
	for i := range s.banks {
		if len(s.banks[i].Scopes) == 0 {
			s.banks[i].Scopes = allTrueLayerScopes()
		}
	}
	s.mux = s.routes()
	return s
}

// ServeHTTP serves every emulated host under its path prefix.
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(w, r)
}

// ClientID returns the client id the sandbox accepts.
func (s *Sandbox) ClientID() string { return s.clientID }

// ClientSecret returns the client secret the sandbox accepts.
func (s *Sandbox) ClientSecret() string { return s.clientSecret }

// routes registers every endpoint on a mux of the sandbox's own.
func (s *Sandbox) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handleIndex)
	s.trueLayerRoutes(mux)
	return mux
}

// trueLayerRoutes registers TrueLayer's auth server and data API.
func (s *Sandbox) trueLayerRoutes(mux *http.ServeMux) {
	const a, api = trueLayerAuthPrefix, trueLayerAPIPrefix
	mux.HandleFunc("GET "+a+"/{$}", s.handleAuthLink)
	mux.HandleFunc("GET "+a, s.handleAuthLink)
	mux.HandleFunc("GET "+a+"/select/{sid}", s.handleSelectPage)
	mux.HandleFunc("POST "+a+"/select/{sid}", s.handleSelectSubmit)
	mux.HandleFunc("GET "+a+"/consent/{sid}", s.handleConsentPage)
	mux.HandleFunc("POST "+a+"/consent/{sid}", s.handleConsentSubmit)
	mux.HandleFunc("GET "+a+"/bank/{sid}", s.handleLoginPage)
	mux.HandleFunc("POST "+a+"/bank/{sid}", s.handleLoginSubmit)
	mux.HandleFunc("GET "+a+"/logos/{file}", s.handleLogo)
	mux.HandleFunc("POST "+a+"/connect/token", s.handleToken)
	mux.HandleFunc("GET "+a+"/api/providers", s.handleProviders)
	mux.HandleFunc(a+"/", s.handleAuthNotFound)

	mux.HandleFunc("GET "+api+"/signup-plus/accounts", s.handleSignupPlusAccounts)
	mux.HandleFunc("GET "+api+"/data/v1/me", s.handleMe)
	mux.HandleFunc("GET "+api+"/data/v1/info", s.handleInfo)
	mux.HandleFunc("GET "+api+"/data/v1/accounts", s.handleAccounts)
	mux.HandleFunc("GET "+api+"/data/v1/accounts/{account_id}", s.handleAccount)
	mux.HandleFunc(api+"/", s.handleAPINotFound)
}
