package truelayer

import (
	"bytes"
	"context"
	"net/url"
)

// Provider is a bank TrueLayer can connect to.
type Provider struct {
	ID          string   `json:"provider_id"`
	DisplayName string   `json:"display_name"`
	LogoURL     string   `json:"logo_url"`
	Country     string   `json:"country"`
	Scopes      []string `json:"scopes"`
}

// Providers lists the banks available to the client at {auth}/api/providers (no auth header).
func (c *Client) Providers(ctx context.Context) ([]Provider, error) {
	const op = "list providers"
	a, err := c.get(ctx, op, c.hosts.Auth+"/api/providers?client_id="+url.QueryEscape(c.creds.ClientID), "")
	if err != nil {
		return nil, err
	}
	var list []Provider
	if body := bytes.TrimSpace(a.body); len(body) > 0 && body[0] == '{' {
		// Documented as a bare array; accept a {"results": [...]} envelope too.
		var env struct {
			Results []Provider `json:"results"`
		}
		if err := a.decode(op, &env); err != nil {
			return nil, err
		}
		list = env.Results
	} else if err := a.decode(op, &list); err != nil {
		return nil, err
	}
	if list == nil {
		list = []Provider{}
	}
	return list, nil
}
