package kit

import (
	"crypto/subtle"
	"fmt"
	"net/http"
	"net/url"
)

// MaxFormBytes bounds the body of a form submission.
const MaxFormBytes = 64 << 10

// Field is one name and value sent back to a client, in order: a query parameter of a
// redirect or a hidden field of a form_post page.
type Field struct{ Name, Value string }

// LimitForm bounds the request body to MaxFormBytes; call it before r.ParseForm.
func LimitForm(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, MaxFormBytes)
}

// SameToken compares a submitted secret (a form token, a client secret) with the expected
// one in constant time.
func SameToken(got, want string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// WithQuery returns uri with the fields set in its query string, keeping its other parameters.
func WithQuery(uri string, fields []Field) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", fmt.Errorf("parse redirect URI: %w", err)
	}
	q := u.Query()
	for _, f := range fields {
		q.Set(f.Name, f.Value)
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}
