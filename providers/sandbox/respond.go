package sandbox

import (
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
	if e.Status == http.StatusUnauthorized {
		kit.BearerChallenge(w, e.Code)
	}
	kit.WriteError(w, e.Status, errorBody{Error: e.Code, ErrorDescription: e.Description})
}
