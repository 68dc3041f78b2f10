package ivy

import (
	"strings"
	"testing"
)

// FuzzParseErrorBody: whatever an Ivy error answer's body and Content-Type, parseErrorBody
// finds a code or a description; a body with neither is described by its kind, never quoted.
func FuzzParseErrorBody(f *testing.F) {
	for _, s := range []struct {
		contentType, body string
	}{
		{"application/json", `{"code":"VALIDATION_ERROR","message":"referenceId must be unique"}`},
		{"application/json", `{"error":{"code":"bad","message":"why"}}`},
		{"application/json", `{"error":"unauthorized","message":"invalid api key"}`},
		{"application/json", `{"details":"market not supported"}`},
		{"application/json", `{"error":null}`},
		{"application/json", `{"error":["x"]}`},
		{"application/json", `{"code": "VALIDATION_`},
		{"text/html", `<html>bad gateway</html>`},
		{"", ``},
		{"", "\n"},
		{"text/plain; charset=\"", `Service Unavailable`},
		{"application/json", `[]`},
	} {
		f.Add(s.contentType, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		code, desc := parseErrorBody(contentType, body)
		if code == "" && desc == "" {
			t.Fatalf("parseErrorBody(%q, %q): neither a code nor a description", contentType, body)
		}
		if strings.HasPrefix(desc, "unexpected response: ") && code != "" {
			t.Fatalf("parseErrorBody(%q, %q): code %q with a description of the body's kind", contentType, body, code)
		}
	})
}
