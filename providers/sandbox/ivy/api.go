package ivy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// maxBodyBytes bounds the JSON body of an API call.
const maxBodyBytes = 1 << 20

// apiFunc is one API call: it reads the raw JSON body and answers.
type apiFunc func(w http.ResponseWriter, r *http.Request, body []byte)

// api wraps an API call with what every call checks first: the API key (401), the method
// (every call is a POST: 405) and a readable body (400).
func (h *Handler) api(f apiFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get(apiKeyHeader)
		if !kit.SameToken(key, h.apiKey) {
			msg := "The " + apiKeyHeader + " header is missing: every call needs the sandbox's API key."
			if key != "" {
				msg = "The " + apiKeyHeader + " header does not carry the sandbox's API key."
			}
			writeError(w, &apiError{http.StatusUnauthorized, codeUnauthorized, msg})
			return
		}
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			writeError(w, &apiError{http.StatusMethodNotAllowed, codeMethodNotAllowed,
				fmt.Sprintf("%s %s: every call of Ivy's API is a POST with a JSON body.", r.Method, r.URL.Path)})
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
		if err != nil {
			writeError(w, invalid("The body cannot be read (at most %d bytes): %v", maxBodyBytes, err))
			return
		}
		f(w, r, body)
	})
}

// decodeBody decodes a JSON object body into v; a body that is not one, or a field of the
// wrong JSON type, is a 400 naming what is wrong.
func decodeBody(body []byte, v any) *apiError {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return invalid("The body must be a JSON object.")
	}
	err := json.Unmarshal(trimmed, v)
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return invalid("%s must be %s, not %s.", typeErr.Field, jsonKind(typeErr.Type), article(typeErr.Value))
	default:
		return invalid("The body is not valid JSON: %v.", err)
	}
}

// jsonKind names the JSON kind a Go type decodes from, with its article.
func jsonKind(t reflect.Type) string {
	if t == reflect.TypeFor[json.Number]() {
		return "a number"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int64, reflect.Float64:
		return "a number"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.String {
			return "an array of strings"
		}
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "of another type"
}

// article puts "a" or "an" before a JSON value kind as encoding/json names it.
func article(kind string) string {
	if kind == "" {
		return "another type"
	}
	if strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}

// sessionIDBody is the body of the calls that name a session by sessionId.
type sessionIDBody struct {
	SessionID string `json:"sessionId"`
}

// readSessionID decodes a {"sessionId"} body.
func readSessionID(body []byte) (string, *apiError) {
	var b sessionIDBody
	if e := decodeBody(body, &b); e != nil {
		return "", e
	}
	if strings.TrimSpace(b.SessionID) == "" {
		return "", invalid("sessionId is required: the id of a data session.")
	}
	return b.SessionID, nil
}
