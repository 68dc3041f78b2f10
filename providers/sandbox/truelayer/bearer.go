package truelayer

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// authorize checks the request's Bearer access token, that the connection's consent still
// runs and that the token carries scope (unless scope is empty); it returns the token's
// connection, or writes the documented error.
func (h *Handler) authorize(w http.ResponseWriter, r *http.Request, scope string) (connection, bool) {
	conn, claims, ok := h.bearer(w, r)
	if !ok {
		return connection{}, false
	}
	if !conn.consentValid(h.now()) {
		writeError(w, &apiError{http.StatusForbidden, "access_denied",
			"The consent of this connection expired after 90 days: extend or re-authenticate it, or the user must connect again."})
		return connection{}, false
	}
	if scope != "" && !slices.Contains(claims.Scope, scope) {
		writeError(w, &apiError{http.StatusForbidden, "access_denied",
			fmt.Sprintf("The access token lacks the %s scope: ask for it in the auth link.", scope)})
		return connection{}, false
	}
	return conn, true
}

// bearer checks the request's Bearer access token (signature, expiry, a live connection of the
// same client) and returns its connection and claims, or writes a 401.
func (h *Handler) bearer(w http.ResponseWriter, r *http.Request) (connection, accessClaims, bool) {
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		writeError(w, invalidToken("The Authorization header must carry a Bearer access token."))
		return connection{}, accessClaims{}, false
	}
	claims, err := h.verifyAccessToken(strings.TrimSpace(token), h.now())
	if err != nil {
		desc := "The access token is not valid: " + err.Error() + "."
		if errors.Is(err, errTokenExpired) {
			desc = "The access token expired: refresh it."
		}
		writeError(w, invalidToken(desc))
		return connection{}, accessClaims{}, false
	}
	conn, ok := h.store.connection(claims.Subject)
	if !ok || conn.Revoked || conn.ClientID != claims.ClientID {
		writeError(w, invalidToken("The access token was revoked."))
		return connection{}, accessClaims{}, false
	}
	return conn, claims, true
}
