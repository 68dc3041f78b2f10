package truelayer

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// renewalLink opens an auth session for renewing conn's consent and returns its absolute URL: a
// direct bank link, straight to the login page of the connection's bank (no bank selection,
// no consent screen, no PKCE). Signing in redirects to redirectURI with a code, and the state
// when there is one; exchanging that code renews conn. Any mock user who signs in renews it:
// the connection keeps its own user and data. The link lasts as long as any auth session.
func (h *Handler) renewalLink(r *http.Request, conn connection, redirectURI, state string) string {
	sess := &authSession{
		ID:        kit.RandomToken(16),
		FormToken: kit.RandomToken(16),
		Request: authRequest{
			ClientID:    conn.ClientID,
			RedirectURI: redirectURI,
			Scopes:      conn.Scopes,
			State:       state,
			Renews:      conn.CredentialsID,
		},
		Banks:     []Bank{conn.Bank},
		Bank:      conn.Bank,
		Step:      stepLogin,
		CreatedAt: h.now(),
	}
	h.store.addSession(h.now(), sess)
	return kit.BaseURL(r) + stepPath(*sess)
}

// decodeJSONBody reads the request's JSON body into v: the body must be labelled
// application/json, be at most kit.MaxFormBytes and hold one JSON object.
func decodeJSONBody(w http.ResponseWriter, r *http.Request, v any) *apiError {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		return validationError("The request body must be JSON (Content-Type: application/json).")
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, kit.MaxFormBytes))
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return validationError("The request body is empty: send a JSON object.")
		}
		return validationError("The request body is not valid JSON for this endpoint: " + err.Error())
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return validationError("The request body must be one JSON object, with nothing after it.")
	}
	return nil
}

// pastWindowDescription says that conn's refresh token can no longer renew its consent.
func pastWindowDescription(conn connection) string {
	return "The consent of this connection lapsed on " + conn.ExpiresAt.UTC().Format("2006-01-02") +
		", more than 90 days ago: past the re-auth window, the refresh token cannot renew it. " +
		"The user must connect again with a new auth link."
}
