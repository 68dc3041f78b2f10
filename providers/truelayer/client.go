package truelayer

import (
	"context"
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

// defaultTimeout bounds every call when New is given no *http.Client.
const defaultTimeout = 30 * time.Second

// Credentials are a TrueLayer application's client id and secret for one environment.
type Credentials struct {
	ClientID     string
	ClientSecret string
}

// Client calls TrueLayer's auth server and data API of one environment.
type Client struct {
	hosts Hosts
	creds Credentials
	hc    *http.Client
}

// New returns a client for hosts that makes every request through hc (its timeouts and
// transport, e.g. the transcript recorder); a nil hc gets a fresh client with a 30 s timeout.
func New(hosts Hosts, creds Credentials, hc *http.Client) *Client {
	if hc == nil {
		hc = &http.Client{Timeout: defaultTimeout}
	}
	return &Client{hosts: hosts.trimmed(), creds: creds, hc: hc}
}

// Hosts returns the base URLs the client talks to.
func (c *Client) Hosts() Hosts { return c.hosts }

// ClientID returns the client id the client authenticates with.
func (c *Client) ClientID() string { return c.creds.ClientID }

// oauthConfig is the x/oauth2 view of TrueLayer's auth server; redirectURI may be empty.
func (c *Client) oauthConfig(redirectURI string) *oauth2.Config {
	return &oauth2.Config{
		ClientID:     c.creds.ClientID,
		ClientSecret: c.creds.ClientSecret,
		Endpoint: oauth2.Endpoint{
			AuthURL:   c.hosts.Auth + "/",
			TokenURL:  c.hosts.Auth + "/connect/token",
			AuthStyle: oauth2.AuthStyleInParams, // TrueLayer wants the secret in the body
		},
		RedirectURL: redirectURI,
	}
}

// oauthContext carries the client's *http.Client to x/oauth2.
func (c *Client) oauthContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, c.hc)
}
