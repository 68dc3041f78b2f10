package truelayer

import (
	"context"
	"encoding/json"
	"time"
)

// The action_needed values of /data/v1/connections/extend.
const (
	ActionNoneNeeded           = "no_action_needed"
	ActionAuthenticationNeeded = "authentication_needed"
	ActionReconfirmationNeeded = "reconfirmation_of_consent_needed"
)

// ExtendUser is who reconfirmed their consent: a full name and an email or a phone.
type ExtendUser struct {
	ID    string `json:"id,omitempty"`
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// ExtendRequest is a connection to extend after its user reconfirmed consent.
type ExtendRequest struct {
	RefreshToken string
	RedirectURI  string
	User         ExtendUser
}

// ExtendResult is the extend call's answer: always ActionNeeded, and the new access token when
// no action is needed or the link to send the user to when one is.
type ExtendResult struct {
	ActionNeeded     string
	AccessToken      string
	RefreshToken     string
	ExpiresIn        int
	ConsentExpiresAt time.Time
	UserInputLink    string
	// Raw is the body exactly as returned (tokens in it are the caller's to keep secret).
	Raw json.RawMessage
}

// Extend asks {api}/data/v1/connections/extend to renew a connection's consent. It needs no
// access token, so an expired connection can still be extended: the body carries the
// connection's refresh token, the client's credentials, the redirect URI and the user, and
// says that the user reconfirmed consent.
func (c *Client) Extend(ctx context.Context, r ExtendRequest) (ExtendResult, error) {
	const op = "extend connection"
	body := map[string]any{
		"client_id":                    c.creds.ClientID,
		"client_secret":                c.creds.ClientSecret,
		"refresh_token":                r.RefreshToken,
		"redirect_uri":                 r.RedirectURI,
		"user_has_reconfirmed_consent": true,
		"user":                         r.User,
	}
	a, err := c.postJSON(ctx, op, c.hosts.API+"/data/v1/connections/extend", "", body)
	if err != nil {
		return ExtendResult{}, err
	}
	var raw struct {
		ActionNeeded     string   `json:"action_needed"`
		AccessToken      string   `json:"access_token"`
		RefreshToken     string   `json:"refresh_token"`
		ExpiresIn        int      `json:"expires_in"`
		ConsentExpiresAt flexTime `json:"consent_expires_at"`
		UserInputLink    string   `json:"user_input_link"`
	}
	if err := a.decode(op, &raw); err != nil {
		return ExtendResult{}, err
	}
	res := ExtendResult{
		ActionNeeded: raw.ActionNeeded, AccessToken: raw.AccessToken, RefreshToken: raw.RefreshToken, ExpiresIn: raw.ExpiresIn,
		ConsentExpiresAt: time.Time(raw.ConsentExpiresAt), UserInputLink: raw.UserInputLink, Raw: json.RawMessage(a.body),
	}
	switch {
	case res.ActionNeeded == "":
		return ExtendResult{}, a.malformed(op, "malformed response: no action_needed")
	case res.ActionNeeded == ActionNoneNeeded && res.AccessToken == "":
		return ExtendResult{}, a.malformed(op, "malformed response: no_action_needed without an access_token")
	case res.ActionNeeded != ActionNoneNeeded && res.UserInputLink == "" && (res.ActionNeeded == ActionAuthenticationNeeded || res.ActionNeeded == ActionReconfirmationNeeded):
		return ExtendResult{}, a.malformed(op, "malformed response: "+res.ActionNeeded+" without a user_input_link")
	}
	return res, nil
}

// ReauthLink asks {auth}/v1/reauthuri for a direct bank link that renews a connection's
// consent: the refresh token, the connection's original redirect URI and a fresh state.
func (c *Client) ReauthLink(ctx context.Context, refreshToken, redirectURI, state string) (string, error) {
	const op = "re-authentication link"
	body := map[string]string{"response_type": "code", "refresh_token": refreshToken, "redirect_uri": redirectURI, "state": state}
	a, err := c.postJSON(ctx, op, c.hosts.Auth+"/v1/reauthuri", "", body)
	if err != nil {
		return "", err
	}
	var raw struct {
		Result  string `json:"result"`
		Success bool   `json:"success"`
	}
	if err := a.decode(op, &raw); err != nil {
		return "", err
	}
	if !raw.Success || raw.Result == "" {
		return "", a.malformed(op, "malformed response: no link (success is false)")
	}
	return raw.Result, nil
}

// Revoke deletes the connection behind accessToken at {auth}/api/delete: its tokens stop working.
func (c *Client) Revoke(ctx context.Context, accessToken string) error {
	_, err := c.do(ctx, "revoke connection", "DELETE", c.hosts.Auth+"/api/delete", accessToken, nil)
	return err
}
