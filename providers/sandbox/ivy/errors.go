package ivy

import (
	"fmt"
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// Ivy's error codes, as the sandbox answers them.
const (
	codeUnauthorized         = "UNAUTHORIZED"
	codeValidation           = "VALIDATION_ERROR"
	codeNotFound             = "NOT_FOUND"
	codeMethodNotAllowed     = "METHOD_NOT_ALLOWED"
	codeSessionNotCompleted  = "SESSION_NOT_COMPLETED"
	codePermissionNotGranted = "PERMISSION_NOT_GRANTED"
	codeConsentNotAuthorised = "CONSENT_NOT_AUTHORISED"
)

// apiError is an error answer: an HTTP status and the JSON body {"code", "message"}.
type apiError struct {
	Status  int
	Code    string
	Message string
}

// errorBody is the JSON shape of every error answer of the API.
type errorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// writeError writes e as the JSON error answer.
func writeError(w http.ResponseWriter, e *apiError) {
	kit.WriteError(w, e.Status, errorBody{Code: e.Code, Message: e.Message})
}

// invalid is the 400 of a request that does not validate; the message names the field.
func invalid(format string, args ...any) *apiError {
	return &apiError{http.StatusBadRequest, codeValidation, fmt.Sprintf(format, args...)}
}

// noSession is the 404 of a session id the sandbox does not know.
func noSession(id string) *apiError {
	return &apiError{http.StatusNotFound, codeNotFound, fmt.Sprintf("There is no data session %q.", id)}
}

// handleNotFound answers a path Ivy does not have.
func (h *Handler) handleNotFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, &apiError{http.StatusNotFound, codeNotFound,
		fmt.Sprintf("%s %s is not an endpoint of the sandbox's Ivy.", r.Method, r.URL.Path)})
}
