package oneid

import (
	"fmt"
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// apiError is an error answer: an HTTP status and a JSON body
// {"error": Code, "error_description": Description}.
type apiError struct {
	Status      int
	Code        string
	Description string
}

// errorBody is the JSON shape of every OneID error answer.
type errorBody struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

// writeError writes e as a JSON error answer; a 401 carries its challenge.
func writeError(w http.ResponseWriter, e *apiError) {
	if e.Status == http.StatusUnauthorized {
		kit.BearerChallenge(w, e.Code)
	}
	kit.WriteError(w, e.Status, errorBody{Error: e.Code, ErrorDescription: e.Description})
}

// invalidRequest is OAuth's error for a malformed request.
func invalidRequest(description string) *apiError {
	return &apiError{http.StatusBadRequest, "invalid_request", description}
}

// invalidGrant is OAuth's error for a code that is wrong, used, expired or not this client's.
func invalidGrant(description string) *apiError {
	return &apiError{http.StatusBadRequest, "invalid_grant", description}
}

// invalidToken is the 401 for a missing, unknown or expired access token.
func invalidToken(description string) *apiError {
	return &apiError{http.StatusUnauthorized, "invalid_token", description}
}

// handleNotFound answers a path OneID does not have.
func (h *Handler) handleNotFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, &apiError{http.StatusNotFound, "not_found",
		fmt.Sprintf("%s %s is not an endpoint of the sandbox's OneID.", r.Method, r.URL.Path)})
}

// quoteOrNothing quotes s for a message, or says it was empty.
func quoteOrNothing(s string) string {
	if s == "" {
		return "nothing"
	}
	return `"` + s + `"`
}
