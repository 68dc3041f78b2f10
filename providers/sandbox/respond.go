package sandbox

import (
	"encoding/json"
	"net/http"
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

// writeJSON writes v as the JSON body of an answer with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "encode answer: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}

// writeError writes e as a JSON error answer.
func writeError(w http.ResponseWriter, e *apiError) {
	if e.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer error="`+e.Code+`"`)
	}
	writeJSON(w, e.Status, errorBody{Error: e.Code, ErrorDescription: e.Description})
}

// baseURL is the scheme and host the request reached the sandbox at.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
