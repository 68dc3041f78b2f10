package truelayer

import (
	"fmt"
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// apiError is a documented error answer: an HTTP status and a JSON body
// {"error": Code, "error_description": Description}.
type apiError struct {
	Status      int
	Code        string
	Description string
}

// errorBody is the JSON shape of every TrueLayer error answer.
type errorBody struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

// writeError writes e as a JSON error answer.
func writeError(w http.ResponseWriter, e *apiError) {
	if e.Status == http.StatusUnauthorized && e.Code == "invalid_token" {
		kit.BearerChallenge(w, e.Code)
	}
	kit.WriteError(w, e.Status, errorBody{Error: e.Code, ErrorDescription: e.Description})
}

// invalidCode is the documented error for a wrong, expired or reused code.
func invalidCode(description string) *apiError {
	return &apiError{http.StatusBadRequest, "invalid_authorization_code", description}
}

// invalidGrant is the documented error for a grant that does not match what was issued.
func invalidGrant(description string) *apiError {
	return &apiError{http.StatusBadRequest, "invalid_grant", description}
}

// validationError is the documented error for bad parameters.
func validationError(description string) *apiError {
	return &apiError{http.StatusBadRequest, "validation_error", description}
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
func (h *Handler) handleAPINotFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, &apiError{http.StatusNotFound, "not_found",
		fmt.Sprintf("%s %s is not an endpoint of the sandbox's TrueLayer data API.", r.Method, r.URL.Path)})
}

// handleAuthNotFound answers a path the auth server does not have.
func (h *Handler) handleAuthNotFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, &apiError{http.StatusNotFound, "not_found",
		fmt.Sprintf("%s %s is not an endpoint of the sandbox's TrueLayer auth server.", r.Method, r.URL.Path)})
}
