package oneid

import (
	"strings"
	"testing"
)

// FuzzParseErrorBody: whatever a OneID error answer's body and Content-Type, parseErrorBody
// finds a code or a description; a body with neither is described by its kind, never quoted.
func FuzzParseErrorBody(f *testing.F) {
	for _, s := range []struct {
		contentType, body string
	}{
		{"application/json", `{"error":"invalid_grant","error_description":"The code has expired"}`},
		{"application/json", `{"error":"invalid_client"}`},
		{"application/json", `{"message":"Internal server error"}`},
		{"application/json;charset=UTF-8", `{"error":"access_denied","error_description":"","message":"denied"}`},
		{"application/json", `{"error": "invalid_gr`},
		{"application/json", `{"error":{"code":1}}`},
		{"text/html", `<html><body>502 Bad Gateway</body></html>`},
		{"", ``},
		{"", " \t"},
		{"text/plain; charset=\"", `Service Unavailable`},
		{"application/json", `null`},
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
