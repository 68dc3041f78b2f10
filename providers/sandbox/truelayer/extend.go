package truelayer

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
	"github.com/linkstep/linkstep/providers/sandbox/mockbank"
)

// The action_needed values the extend endpoint answers with.
const (
	actionNoneNeeded           = "no_action_needed"
	actionAuthenticationNeeded = "authentication_needed"
)

// extendRequest is the JSON body of POST {api}/data/v1/connections/extend.
type extendRequest struct {
	ClientID                  string      `json:"client_id"`
	ClientSecret              string      `json:"client_secret"`
	RefreshToken              string      `json:"refresh_token"`
	RedirectURI               string      `json:"redirect_uri"`
	UserHasReconfirmedConsent *bool       `json:"user_has_reconfirmed_consent"`
	User                      *extendUser `json:"user"`
}

// extendUser is who reconfirmed their consent: a full name and an email or a phone.
type extendUser struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

// extendRenewed is the answer when no action is needed: the connection is extended.
type extendRenewed struct {
	ActionNeeded     string `json:"action_needed"`
	AccessToken      string `json:"access_token"`
	RefreshToken     string `json:"refresh_token"`
	ExpiresIn        int    `json:"expires_in"`
	TokenType        string `json:"token_type"`
	ConsentExpiresAt string `json:"consent_expires_at"`
}

// extendLink is the answer when the user must go through a link first.
type extendLink struct {
	ActionNeeded  string `json:"action_needed"`
	UserInputLink string `json:"user_input_link"`
}

// handleExtend serves POST {api}/data/v1/connections/extend: no access token, the client's
// credentials and the connection's refresh token in a JSON body. A connection made by
// john/eternal is extended at once (no_action_needed: a new access token, the same refresh
// token, consent for 90 more days); any other gets a direct bank link (authentication_needed)
// whose code renews it at /connect/token, keeping its refresh token.
func (h *Handler) handleExtend(w http.ResponseWriter, r *http.Request) {
	var req extendRequest
	if e := decodeJSONBody(w, r, &req); e != nil {
		writeError(w, e)
		return
	}
	if req.ClientID != h.clientID || !kit.SameToken(req.ClientSecret, h.clientSecret) {
		writeError(w, &apiError{http.StatusUnauthorized, "invalid_client",
			"The client_id or client_secret is wrong, missing, or belongs to another environment."})
		return
	}
	if e := h.validateExtend(req); e != nil {
		writeError(w, e)
		return
	}
	now := h.now()
	conn, ok := h.store.byRefresh(req.RefreshToken)
	switch {
	case !ok:
		writeError(w, invalidGrant("The refresh token is not valid: it is unknown, was already used, or was revoked."))
		return
	case conn.ClientID != req.ClientID:
		writeError(w, invalidGrant("The refresh token was issued to another client."))
		return
	case !conn.renewable(now):
		writeError(w, invalidGrant(pastWindowDescription(conn)))
		return
	}
	if conn.User.Flavour != mockbank.FlavourEternal {
		kit.WriteJSON(w, http.StatusOK, extendLink{
			ActionNeeded:  actionAuthenticationNeeded,
			UserInputLink: h.renewalLink(r, conn, req.RedirectURI, ""),
		})
		return
	}
	conn, ok = h.store.renewConsent(now, conn.CredentialsID, req.RefreshToken)
	if !ok {
		writeError(w, invalidGrant("The refresh token stopped being valid while the connection was extended."))
		return
	}
	access, err := h.issueAccessToken(r, conn, now)
	if err != nil {
		writeError(w, &apiError{http.StatusInternalServerError, "internal_error", err.Error()})
		return
	}
	kit.WriteJSON(w, http.StatusOK, extendRenewed{
		ActionNeeded:     actionNoneNeeded,
		AccessToken:      access,
		RefreshToken:     req.RefreshToken,
		ExpiresIn:        int(tokenLifetime / time.Second),
		TokenType:        "Bearer",
		ConsentExpiresAt: conn.ExpiresAt.UTC().Format(time.RFC3339),
	})
}

// validateExtend checks the body's fields other than the client's credentials.
func (h *Handler) validateExtend(req extendRequest) *apiError {
	switch {
	case req.RefreshToken == "":
		return validationError("refresh_token is required: the refresh token of the connection to extend.")
	case req.RedirectURI == "":
		return validationError("redirect_uri is required: where the user comes back to if they must authenticate.")
	case !h.redirectAllowed(req.RedirectURI):
		return validationError(fmt.Sprintf("The redirect_uri %q is not allowed for this client: use a loopback "+
			"http://127.0.0.1:PORT/PATH or http://localhost:PORT/PATH, an https:// URI, or an extra redirect URI "+
			"the sandbox was started with.", req.RedirectURI))
	case req.UserHasReconfirmedConsent == nil || !*req.UserHasReconfirmedConsent:
		return validationError("user_has_reconfirmed_consent must be true: show the user your reconfirmation of consent screen first.")
	case req.User == nil:
		return validationError("user is required: the user's name and their email or phone.")
	case strings.TrimSpace(req.User.Name) == "":
		return validationError("user.name is required: the user's full name.")
	case strings.TrimSpace(req.User.Email) == "" && strings.TrimSpace(req.User.Phone) == "":
		return validationError("user.email or user.phone is required: give at least one of them.")
	}
	return nil
}
