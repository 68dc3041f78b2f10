package oneid

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/linkstep/linkstep/providers/retry"
)

// defaultTimeout bounds every call when the client is given no *http.Client.
const defaultTimeout = 30 * time.Second

// Credentials are a client's id and, for a confidential client, its secret; a public client
// has none and relies on PKCE alone.
type Credentials struct {
	ClientID     string
	ClientSecret string
}

// Endpoints are where an OpenID provider answers.
type Endpoints struct {
	Issuer    string // the iss of its ID tokens; discovery lives under it
	Authorize string
	Token     string
	UserInfo  string
	JWKS      string // its signing keys
	// Scopes are the scopes its discovery document lists (scopes_supported); nil when it
	// lists none or discovery has not run.
	Scopes []string
	// OneID's own calls; empty at other issuers.
	AgeVerification string
	Accounts        string
	Report          string
}

// oneIDEndpoints are OneID's documented endpoints on host; the keys come from discovery.
func oneIDEndpoints(host string) Endpoints {
	return Endpoints{
		Issuer:          host,
		Authorize:       host + "/v2/authorize",
		Token:           host + "/token",
		UserInfo:        host + "/userinfo",
		AgeVerification: host + "/ageverification",
		Accounts:        host + "/accounts",
		Report:          host + "/userinfo/report",
	}
}

// Client talks to one OpenID provider with one client's credentials; it is safe for concurrent
// use once discovered.
type Client struct {
	creds Credentials
	hc    *http.Client
	now   func() time.Time
	oneID bool // OneID's own calls are available

	mu         sync.Mutex
	ep         Endpoints
	algorithms []string
	discovered bool
}

// Options are how a client makes its calls.
type Options struct {
	// HTTP makes every request (its timeouts and transport, e.g. the transcript recorder); nil
	// gets a client with a 30 s timeout.
	HTTP *http.Client
	// Now is the clock ID tokens' expiry is checked against; nil means time.Now.
	Now func() time.Time
}

// NewOneID returns a client for OneID at host: OneID's documented endpoints, and Discover
// fetches its signing keys.
func NewOneID(host string, creds Credentials, opts Options) *Client {
	return newClient(oneIDEndpoints(strings.TrimRight(host, "/")), creds, opts, true)
}

// NewIssuer returns a client for any OpenID provider at issuer; Discover learns its endpoints.
func NewIssuer(issuer string, creds Credentials, opts Options) *Client {
	return newClient(Endpoints{Issuer: strings.TrimRight(issuer, "/")}, creds, opts, false)
}

func newClient(ep Endpoints, creds Credentials, opts Options, oneID bool) *Client {
	if opts.HTTP == nil {
		opts.HTTP = &http.Client{Timeout: defaultTimeout}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Client{creds: creds, hc: opts.HTTP, now: opts.Now, oneID: oneID, ep: ep}
}

// IsOneID reports whether OneID's own calls (age, accounts, report) are available.
func (c *Client) IsOneID() bool { return c.oneID }

// who names the provider in errors and retry notes: oneid, or oidc for another issuer.
func (c *Client) who() string {
	if c.oneID {
		return ID
	}
	return "oidc"
}

// ClientID returns the client id the client authenticates with.
func (c *Client) ClientID() string { return c.creds.ClientID }

// Public reports whether the client has no secret (PKCE only).
func (c *Client) Public() bool { return c.creds.ClientSecret == "" }

// Endpoints returns the endpoints known so far.
func (c *Client) Endpoints() Endpoints {
	c.mu.Lock()
	defer c.mu.Unlock()
	ep := c.ep
	ep.Scopes = slices.Clone(ep.Scopes)
	return ep
}

// discovery is the part of /.well-known/openid-configuration the client uses.
type discovery struct {
	Issuer     string   `json:"issuer"`
	Authorize  string   `json:"authorization_endpoint"`
	Token      string   `json:"token_endpoint"`
	UserInfo   string   `json:"userinfo_endpoint"`
	JWKS       string   `json:"jwks_uri"`
	Algorithms []string `json:"id_token_signing_alg_values_supported"`
	Scopes     []string `json:"scopes_supported"`
}

// Discover reads the issuer's /.well-known/openid-configuration once: its endpoints (OneID's
// documented ones are kept), its signing keys' location and algorithms. The issuer it
// declares must be the one asked for.
func (c *Client) Discover(ctx context.Context) (Endpoints, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.discovered {
		return c.ep, nil
	}
	const op = "discover the OpenID provider"
	a, err := get(ctx, c.hc, c.who(), op, c.ep.Issuer+"/.well-known/openid-configuration", "", "application/json")
	if err != nil {
		return Endpoints{}, err
	}
	var d discovery
	if err := a.decode(op, &d); err != nil {
		return Endpoints{}, err
	}
	if strings.TrimRight(d.Issuer, "/") != c.ep.Issuer {
		return Endpoints{}, a.malformed(op, fmt.Sprintf("the discovery document names issuer %q, not %q", d.Issuer, c.ep.Issuer))
	}
	c.ep.Issuer = d.Issuer // ID tokens carry it exactly as declared
	if !c.oneID {
		c.ep.Authorize, c.ep.Token, c.ep.UserInfo = d.Authorize, d.Token, d.UserInfo
	}
	c.ep.JWKS, c.algorithms, c.ep.Scopes = d.JWKS, d.Algorithms, d.Scopes
	switch {
	case c.ep.Authorize == "" || c.ep.Token == "":
		return Endpoints{}, a.malformed(op, "the discovery document lacks authorization_endpoint or token_endpoint")
	case c.ep.JWKS == "":
		return Endpoints{}, a.malformed(op, "the discovery document lacks jwks_uri: ID tokens cannot be verified")
	}
	c.discovered = true
	return c.ep, nil
}

// oauthConfig is the x/oauth2 view of the provider: HTTP Basic for OneID (its documented
// way), the client id in the body for a public client, and for other confidential clients
// whichever of Basic and the body the provider accepts (providers check the client before
// the code, so trying Basic first costs no code).
func (c *Client) oauthConfig(redirectURI string, scopes []string) *oauth2.Config {
	ep := c.Endpoints()
	style := oauth2.AuthStyleAutoDetect
	switch {
	case c.Public():
		style = oauth2.AuthStyleInParams
	case c.oneID:
		style = oauth2.AuthStyleInHeader
	}
	return &oauth2.Config{
		ClientID:     c.creds.ClientID,
		ClientSecret: c.creds.ClientSecret,
		Endpoint:     oauth2.Endpoint{AuthURL: ep.Authorize, TokenURL: ep.Token, AuthStyle: style},
		RedirectURL:  redirectURI,
		Scopes:       scopes,
	}
}

// verifier checks ID tokens against the provider's keys, issuer, this client's id and expiry.
func (c *Client) verifier(ctx context.Context) *oidc.IDTokenVerifier {
	ep := c.Endpoints()
	c.mu.Lock()
	algs := c.algorithms
	c.mu.Unlock()
	keys := *c.hc // the provider's keys are a read: retried like the client's own GETs
	keys.Transport = retry.Default.Reads(c.hc.Transport, c.who()+": fetch the provider's keys")
	ctx = oidc.ClientContext(ctx, &keys)
	cfg := oidc.ProviderConfig{IssuerURL: ep.Issuer, AuthURL: ep.Authorize, TokenURL: ep.Token, UserInfoURL: ep.UserInfo, JWKSURL: ep.JWKS, Algorithms: algs}
	return cfg.NewProvider(ctx).VerifierContext(ctx, &oidc.Config{ClientID: c.creds.ClientID, Now: c.now})
}
