package truelayer

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Me describes the connection an access token belongs to.
type Me struct {
	ClientID         string    `json:"client_id"`
	CredentialsID    string    `json:"credentials_id"`
	ConsentCreatedAt time.Time `json:"consent_created_at"`
	ConsentExpiresAt time.Time `json:"consent_expires_at"`
	Provider         struct {
		DisplayName string `json:"display_name"`
		LogoURI     string `json:"logo_uri"`
		ProviderID  string `json:"provider_id"`
	} `json:"provider"`
}

// Me returns the connection's metadata from {api}/data/v1/me.
func (c *Client) Me(ctx context.Context, accessToken string) (Me, error) {
	const op = "me"
	a, err := c.get(ctx, op, c.hosts.API+"/data/v1/me", accessToken)
	if err != nil {
		return Me{}, err
	}
	var env struct {
		Results []json.RawMessage `json:"results"`
	}
	if err := a.decode(op, &env); err != nil {
		return Me{}, err
	}
	if len(env.Results) == 0 {
		return Me{}, a.malformed(op, "malformed response: no results")
	}
	var raw struct {
		Me
		ConsentCreatedAt flexTime `json:"consent_created_at"`
		ConsentExpiresAt flexTime `json:"consent_expires_at"`
	}
	if err := json.Unmarshal(env.Results[0], &raw); err != nil {
		return Me{}, a.malformed(op, "malformed response: "+err.Error())
	}
	me := raw.Me
	me.ConsentCreatedAt, me.ConsentExpiresAt = time.Time(raw.ConsentCreatedAt), time.Time(raw.ConsentExpiresAt)
	return me, nil
}

// flexTime reads the timestamp layouts TrueLayer is seen to use: RFC 3339 with or without
// a zone or fractional seconds (no zone means UTC), or a bare date; empty or null is zero.
type flexTime time.Time

// UnmarshalJSON parses a JSON string in one of the accepted layouts.
func (t *flexTime) UnmarshalJSON(b []byte) error {
	var s string
	if string(b) == "null" {
		return nil
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("timestamp: %w", err)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05", "2006-01-02"} {
		if parsed, err := time.Parse(layout, s); err == nil {
			*t = flexTime(parsed)
			return nil
		}
	}
	return fmt.Errorf("timestamp %q: not RFC 3339", s)
}
