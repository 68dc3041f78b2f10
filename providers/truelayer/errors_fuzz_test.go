package truelayer

import (
	"net/http"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzErrorFromResponse: whatever a TrueLayer error answer's body and Content-Type, the
// *Error made of it keeps the status and request id and has a code or a description; a body
// with neither is described by its kind, never quoted.
func FuzzErrorFromResponse(f *testing.F) {
	html, err := os.ReadFile("testdata/bad_gateway.html")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []struct {
		contentType string
		body        []byte
	}{
		{"application/json", []byte(`{"error":"invalid_grant","error_description":"The code has expired"}`)},
		{"application/json", []byte(`{"error":"invalid_client"}`)},
		{"application/json; charset=utf-8", []byte(`{"error":"provider_error","error_description":"bank down","error_details":{}}`)},
		{"application/problem+json", []byte(`{"type":"https://docs.truelayer.com/errors#invalid_parameters","title":"Invalid Parameters","detail":"account_id is invalid"}`)},
		{"application/json", []byte(`{"error":{"code":"x","message":"y"}}`)},
		{"application/json", []byte(`{"error": "invalid_gr`)},
		{"application/json", []byte(`{"error":null,"type":"/"}`)},
		{"text/html", html},
		{"", nil},
		{"", []byte(" \n")},
		{"text/plain; charset=\"", []byte("Service Unavailable")},
		{"application/json", []byte(`[1,2]`)},
		{"application/json", []byte(`"just a string"`)},
	} {
		f.Add(s.contentType, s.body)
	}
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		h := http.Header{"Content-Type": {contentType}, "X-Request-Id": {"req-1"}}
		e := errorFromResponse("op", 502, h, body)
		if e == nil || e.Status != 502 || e.Op != "op" || e.RequestID != "req-1" {
			t.Fatalf("errorFromResponse(%q, %q) = %+v", contentType, body, e)
		}
		if e.Code == "" && e.Description == "" {
			t.Fatalf("errorFromResponse(%q, %q): neither a code nor a description", contentType, body)
		}
		if strings.HasPrefix(e.Description, "unexpected response: ") && e.Code != "" {
			t.Fatalf("errorFromResponse(%q, %q): code %q with a description of the body's kind", contentType, body, e.Code)
		}
		if e.Code == "" && !strings.HasPrefix(e.Description, "unexpected response: ") && !utf8.ValidString(e.Description) {
			t.Fatalf("errorFromResponse(%q, %q): description %q is not valid UTF-8", contentType, body, e.Description)
		}
		if e.Error() == "" {
			t.Fatal("empty Error()")
		}
	})
}
