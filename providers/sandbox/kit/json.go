package kit

import (
	"encoding/json"
	"net/http"
)

// WriteJSON writes v as the JSON body of an answer with the given status, never cached.
func WriteJSON(w http.ResponseWriter, status int, v any) {
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

// WriteError writes body, an error object in the provider's own shape, as the JSON answer
// with the given error status.
func WriteError(w http.ResponseWriter, status int, body any) {
	WriteJSON(w, status, body)
}

// BearerChallenge sets the RFC 6750 challenge of a 401 answer to a Bearer token: it names the
// error code; call it before WriteError.
func BearerChallenge(w http.ResponseWriter, code string) {
	w.Header().Set("WWW-Authenticate", `Bearer error="`+code+`"`)
}
