package sandbox

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// authorize checks the request's Bearer access token and that it carries scope (unless scope
// is empty); it returns the token's connection, or writes the documented error.
func (s *Sandbox) authorize(w http.ResponseWriter, r *http.Request, scope string) (connection, bool) {
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		writeError(w, invalidToken("The Authorization header must carry a Bearer access token."))
		return connection{}, false
	}
	now := s.now()
	claims, err := s.verifyAccessToken(strings.TrimSpace(token), now)
	if err != nil {
		desc := "The access token is not valid: " + err.Error() + "."
		if errors.Is(err, errTokenExpired) {
			desc = "The access token expired: refresh it."
		}
		writeError(w, invalidToken(desc))
		return connection{}, false
	}
	conn, ok := s.store.connection(claims.Subject)
	if !ok || conn.Revoked || conn.ClientID != claims.ClientID {
		writeError(w, invalidToken("The access token was revoked."))
		return connection{}, false
	}
	if !now.Before(conn.ExpiresAt) {
		writeError(w, &apiError{http.StatusForbidden, "access_denied",
			"The consent of this connection expired after 90 days: the user must connect again."})
		return connection{}, false
	}
	if scope != "" && !slices.Contains(claims.Scope, scope) {
		writeError(w, &apiError{http.StatusForbidden, "access_denied",
			fmt.Sprintf("The access token lacks the %s scope: ask for it in the auth link.", scope)})
		return connection{}, false
	}
	return conn, true
}

// invalidToken is the 401 for a missing, invalid, expired or revoked access token.
func invalidToken(description string) *apiError {
	return &apiError{http.StatusUnauthorized, "invalid_token", description}
}

// accountNotFound is the documented 404 for an account id the connection does not link.
func accountNotFound(id string) *apiError {
	return &apiError{http.StatusNotFound, "account_not_found",
		fmt.Sprintf("No account %s is linked to this connection.", quoteOrNothing(id))}
}

// handleAPINotFound answers a path the data API does not have.
func (s *Sandbox) handleAPINotFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, &apiError{http.StatusNotFound, "not_found",
		fmt.Sprintf("%s %s is not an endpoint of the sandbox's TrueLayer data API.", r.Method, r.URL.Path)})
}

// handleAuthNotFound answers a path the auth server does not have.
func (s *Sandbox) handleAuthNotFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, &apiError{http.StatusNotFound, "not_found",
		fmt.Sprintf("%s %s is not an endpoint of the sandbox's TrueLayer auth server.", r.Method, r.URL.Path)})
}
