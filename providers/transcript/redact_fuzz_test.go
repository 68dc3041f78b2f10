package transcript

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// fuzzSecret turns fuzzer bytes into a realistic secret (a token's characters, at least
// minSubstringSecret long), or "" when they cannot make one.
func fuzzSecret(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return -1
	}, s)
	if len(s) < minSubstringSecret {
		return ""
	}
	return s
}

// redactShapes are the ways a transcript entry shows text: as a URL, a header of each kind,
// a form body, a JSON body, a text body.
var redactShapes = []func(r *Redactor, s string) string{
	func(r *Redactor, s string) string { return r.URL(s) },
	func(r *Redactor, s string) string { return r.Text(s) },
	func(r *Redactor, s string) string { return r.Body("application/x-www-form-urlencoded", []byte(s)) },
	func(r *Redactor, s string) string { return r.Body("application/json", []byte(s)) },
	func(r *Redactor, s string) string { return r.Body("", []byte(s)) },
	func(r *Redactor, s string) string { return r.Body("text/plain; charset=utf-8", []byte(s)) },
	func(r *Redactor, s string) string { return headerShape(r, "Authorization", s) },
	func(r *Redactor, s string) string { return headerShape(r, "Cookie", s) },
	func(r *Redactor, s string) string { return headerShape(r, "Set-Cookie", s) },
	func(r *Redactor, s string) string { return headerShape(r, "Location", s) },
	func(r *Redactor, s string) string { return headerShape(r, "X-Request-Id", s) },
}

func headerShape(r *Redactor, name, v string) string {
	return strings.Join(r.Headers(http.Header{name: {v}})[name], "\n")
}

// FuzzRedactValue: a value registered with AddValue never survives in a redacted URL, header
// or body, wherever it is placed in them.
func FuzzRedactValue(f *testing.F) {
	for _, s := range []struct {
		shape         byte
		before, after string
		secret        string
	}{
		{0, "https://h/cb?state=", "&x=1", testSecret},
		{0, "https://user:", "@h/p", testSecret},
		{1, "client secret is ", " ok", testSecret},
		{2, "client_id=abc&note=", "&scope=info", testSecret},
		{3, `{"note":"`, `","n":1}`, testSecret},
		{3, `{"`, `":1}`, testSecret},
		{3, `{"a":[`, `]}`, "1234567890"},
		{4, "plain ", "", testSecret},
		{6, "Bearer ", "", "tok-abcdefgh"},
		{6, "", " x", "tok-abcdefgh"},
		{7, "sid=", "; other=1", testSecret},
		{7, "", "=1", testSecret},
		{8, "sid=", "; Path=/; HttpOnly", testSecret},
		{9, "http://127.0.0.1/cb?next=", "", testSecret},
		{10, "", "", testSecret},
		{2, "", "=1", testSecret},
		{0, "https://h/", "?a=b", testSecret},
	} {
		f.Add(s.shape, s.before, s.after, s.secret)
	}
	f.Fuzz(func(t *testing.T, shape byte, before, after, secret string) {
		secret = fuzzSecret(secret)
		if secret == "" {
			t.Skip()
		}
		r := NewRedactor()
		r.AddValue(secret)
		in := before + secret + after
		out := redactShapes[int(shape)%len(redactShapes)](r, in)
		if strings.Contains(out, secret) {
			t.Fatalf("shape %d: registered %q survived:\n in: %q\nout: %q", int(shape)%len(redactShapes), secret, in, out)
		}
	})
}

// FuzzRedactField: a value placed under a secret name (a query or form parameter, a JSON key
// at any depth) never survives, whatever surrounds it; nothing is registered.
func FuzzRedactField(f *testing.F) {
	for _, s := range []struct {
		shape         byte
		key           string
		before, after string
		secret        string
	}{
		{0, "code", "http://127.0.0.1:8080/callback?", "&state=xyz", "abc123code"},
		{0, "Client_Secret", "https://h/p?a=1&", "", "cs-value-1234"},
		{0, "code", "https://h/p#state=s&", "", "frag-code-1234"},
		{1, "refresh_token", "grant_type=refresh_token&", "&client_id=c", "7d1f0c2ab1e84f0b"},
		{1, "password", "", "", "hunter2hunter2"},
		{2, "access_token", `{"token_type":"Bearer",`, `,"expires_in":3600}`, "eyJhbGciOi.x.y"},
		{2, "id_token", `{"nested":{"items":[{"name":"first",`, `}]}}`, "plain-id-token-value"},
		{3, "client_secret", `{"a":1,`, `}`, "object-secret-0004"},
		{2, "API_KEY", `[{`, `}]`, "ivy-api-key-0001"},
	} {
		f.Add(s.shape, s.key, s.before, s.after, s.secret)
	}
	keys := strings.Split(secretKeyNames, "|")
	f.Fuzz(func(t *testing.T, shape byte, key, before, after, secret string) {
		secret = fuzzSecret(secret)
		if secret == "" || strings.Contains(before+key+after, secret[len(secret)/2:]) {
			t.Skip() // the surroundings could spell the secret themselves
		}
		if !isSecretKey(key) {
			key = keys[len(key)%len(keys)]
		}
		var in, out string
		r := NewRedactor()
		switch shape % 4 {
		case 0: // a URL's query or fragment parameter
			in = before + url.QueryEscape(key) + "=" + url.QueryEscape(secret) + after
			if !strings.ContainsAny(before, "?#") || strings.ContainsAny(after, "?#") {
				t.Skip() // not a parameter of the URL
			}
			if i := strings.LastIndexAny(before, "?#&"); i != len(before)-1 {
				t.Skip() // not the start of a parameter
			}
			if after != "" && after[0] != '&' {
				t.Skip()
			}
			out = r.URL(in)
		case 1: // a form field
			if (before != "" && !strings.HasSuffix(before, "&")) || (after != "" && after[0] != '&') {
				t.Skip()
			}
			in = before + url.QueryEscape(key) + "=" + url.QueryEscape(secret) + after
			out = r.Body("application/x-www-form-urlencoded", []byte(in))
		case 2, 3: // a JSON member, its value a string or an object holding one
			k, _ := json.Marshal(key)
			v, _ := json.Marshal(secret)
			member := string(k) + ":" + string(v)
			if shape%4 == 3 {
				member = string(k) + `:{"value":` + string(v) + `}`
			}
			in = before + member + after
			if !json.Valid([]byte(in)) {
				t.Skip()
			}
			out = r.Body("application/json", []byte(in))
		}
		if strings.Contains(out, secret) {
			t.Fatalf("value %q under %q survived:\n in: %q\nout: %q", secret, key, in, out)
		}
	})
}

// TestRedactRegisteredValueInNames: a registered value is masked where FuzzRedactValue found
// it kept: as a JSON key or number, a form or query parameter's name, an Authorization
// scheme, a cookie's name.
func TestRedactRegisteredValueInNames(t *testing.T) {
	r := NewRedactor(testSecret, "1234567890")
	for _, tt := range []struct{ name, got, want string }{
		{"JSON key", r.Body("application/json", []byte(`{"`+testSecret+`":1,"a":"b"}`)), `{"••••alue":1,"a":"b"}`},
		{"JSON number", r.Body("application/json", []byte(`{"a":[1234567890,2]}`)), `{"a":["••••",2]}`},
		{"form name", r.Body("application/x-www-form-urlencoded", []byte(testSecret+"=1&b=2")), "••••alue=1&b=2"},
		{"query name", r.URL("https://h/p?" + testSecret + "=1&b=2"), "https://h/p?••••alue=1&b=2"},
		{"Authorization scheme", headerShape(r, "Authorization", testSecret+" x"), "••••alue ••••"},
		{"cookie name", headerShape(r, "Cookie", testSecret+"=1; b=2"), "••••alue=••••; b=••••"},
		{"harmless names kept", r.Body("application/json", []byte(`{"code":"x","n":12}`)), `{"code":"••••","n":12}`},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
