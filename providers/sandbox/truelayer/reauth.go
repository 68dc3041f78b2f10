package truelayer

import (
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// reauthRequest is the JSON body of POST {auth}/v1/reauthuri.
type reauthRequest struct {
	ResponseType string `json:"response_type"`
	RefreshToken string `json:"refresh_token"`
	RedirectURI  string `json:"redirect_uri"`
	State        string `json:"state"`
}

// reauthAnswer is the answer of POST {auth}/v1/reauthuri: a direct bank link.
type reauthAnswer struct {
	Result  string `json:"result"`
	Success bool   `json:"success"`
}

// handleReauthURI serves POST {auth}/v1/reauthuri: no Authorization header, the connection's
// refresh token and its original redirect URI in a JSON body. The answer is a direct bank link
// whose code, exchanged at /connect/token, renews the connection with the same credentials_id
// and the same refresh token. A refresh token that is unknown, revoked, or past the re-auth
// window (90 days after the consent lapsed) gets a 401.
func (h *Handler) handleReauthURI(w http.ResponseWriter, r *http.Request) {
	var req reauthRequest
	if e := decodeJSONBody(w, r, &req); e != nil {
		writeError(w, e)
		return
	}
	switch {
	case req.ResponseType != "code":
		writeError(w, validationError("response_type must be code, not "+quoteOrNothing(req.ResponseType)+"."))
		return
	case req.RefreshToken == "":
		writeError(w, validationError("refresh_token is required: the refresh token of the connection to re-authenticate."))
		return
	case req.RedirectURI == "":
		writeError(w, validationError("redirect_uri is required: the one the connection was made with."))
		return
	}
	conn, ok := h.store.byRefresh(req.RefreshToken)
	if !ok {
		writeError(w, &apiError{http.StatusUnauthorized, "invalid_grant",
			"The refresh token is not valid: it is unknown, was already used, or was revoked."})
		return
	}
	if !conn.renewable(h.now()) {
		writeError(w, &apiError{http.StatusUnauthorized, "invalid_grant", pastWindowDescription(conn)})
		return
	}
	if req.RedirectURI != conn.RedirectURI {
		writeError(w, &apiError{http.StatusBadRequest, "invalid_redirect_uri",
			"redirect_uri must be the one the connection was made with: " + conn.RedirectURI})
		return
	}
	kit.WriteJSON(w, http.StatusOK, reauthAnswer{Result: h.renewalLink(r, conn, conn.RedirectURI, req.State), Success: true})
}
