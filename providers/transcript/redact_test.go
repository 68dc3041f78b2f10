package transcript

import (
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
)

const (
	testSecret = "s3cr3t-client-value"
	testJWT    = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjcmVkLTEifQ.c2lnbmF0dXJl"
)

// checkRedacted fails when got contains any of leaks or misses any of keeps.
func checkRedacted(t *testing.T, got string, leaks, keeps []string) {
	t.Helper()
	for _, l := range leaks {
		if strings.Contains(got, l) {
			t.Errorf("leaked %q in:\n%s", l, got)
		}
	}
	for _, k := range keeps {
		if !strings.Contains(got, k) {
			t.Errorf("lost %q in:\n%s", k, got)
		}
	}
}

func TestRedactorURL(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		leaks []string
		keeps []string
	}{
		{
			name:  "code and state",
			in:    "http://127.0.0.1:8080/callback?code=abc123code&state=xyz",
			leaks: []string{"abc123code"},
			keeps: []string{"http://127.0.0.1:8080/callback?code=••••&state=xyz"},
		},
		{
			name:  "secret keys in any case",
			in:    "https://h/p?Client_Secret=cs-value-1&CODE_VERIFIER=verifier-value-2&refresh_token=rt-value-3&access_token=at-value-4&id_token=idt-value-5&password=pw-value-6&assertion=as-value-7",
			leaks: []string{"cs-value-1", "verifier-value-2", "rt-value-3", "at-value-4", "idt-value-5", "pw-value-6", "as-value-7"},
			keeps: []string{"Client_Secret=••••", "CODE_VERIFIER=••••"},
		},
		{
			name:  "order and encoding of harmless params kept",
			in:    "https://auth.example/?response_type=code&scope=info%20accounts&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&state=s",
			keeps: []string{"https://auth.example/?response_type=code&scope=info%20accounts&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&state=s"},
		},
		{
			name:  "code inside a URL-valued param",
			in:    "https://h/next?redirect=" + "http%3A%2F%2F127.0.0.1%2Fcb%3Fcode%3Dnested-code-9%26state%3Ds",
			leaks: []string{"nested-code-9"},
			keeps: []string{"redirect=http%3A%2F%2F127.0.0.1%2Fcb%3Fcode%3D••••%26state%3Ds"},
		},
		{
			name:  "tokens in the fragment",
			in:    "https://h/cb#access_token=frag-token-1&state=s",
			leaks: []string{"frag-token-1"},
			keeps: []string{"#access_token=••••&state=s"},
		},
		{
			name:  "registered value in path",
			in:    "https://h/clients/" + testSecret + "/x",
			leaks: []string{testSecret},
			keeps: []string{"https://h/clients/••••"},
		},
		{
			name:  "JWT in harmless param",
			in:    "https://h/?token_hint=" + testJWT,
			leaks: []string{testJWT, "eyJzdWIiOiJjcmVkLTEifQ"},
			keeps: []string{"token_hint=••••"},
		},
		{
			name:  "userinfo password",
			in:    "https://user:hunter2pass@h/p",
			leaks: []string{"hunter2pass"},
			keeps: []string{"https://user:••••@h/p"},
		},
		{
			name:  "unparsable URL still redacted",
			in:    "%zz://bad?code=raw-code-1",
			leaks: []string{"raw-code-1"},
		},
	}
	r := NewRedactor(testSecret)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRedacted(t, r.URL(tt.in), tt.leaks, tt.keeps)
		})
	}
}

func TestRedactorHeaders(t *testing.T) {
	tests := []struct {
		name  string
		key   string
		value string
		leaks []string
		keeps []string
	}{
		{"bearer keeps scheme", "Authorization", "Bearer " + testJWT, []string{testJWT, "eyJzdWIi"}, []string{"Bearer ••••"}},
		{"basic", "Authorization", "Basic Y2xpZW50OnNlY3JldA==", []string{"Y2xpZW50OnNlY3JldA=="}, []string{"Basic ••••"}},
		{"proxy authorization", "Proxy-Authorization", "Basic cHJveHk6cGFzcw==", []string{"cHJveHk6cGFzcw=="}, []string{"Basic ••••"}},
		{"cookie keeps names", "Cookie", "session=sess-value-1; csrf=csrf-value-2", []string{"sess-value-1", "csrf-value-2"}, []string{"session=••••", "csrf=••••"}},
		{"set-cookie keeps attributes", "Set-Cookie", "session=sess-value-3; Path=/; HttpOnly", []string{"sess-value-3"}, []string{"session=••••; Path=/; HttpOnly"}},
		{"ivy api key", "X-Ivy-Api-Key", "ivy-key-value-1234567890", []string{"ivy-key-value-123456"}, []string{"••••7890"}},
		{"location query", "Location", "http://127.0.0.1/cb?code=loc-code-1&state=s", []string{"loc-code-1"}, []string{"code=••••&state=s"}},
		{"registered value elsewhere", "X-Debug", "client=" + testSecret, []string{testSecret}, []string{"client=••••"}},
		{"harmless header intact", "Content-Type", "application/json", nil, []string{"application/json"}},
	}
	r := NewRedactor(testSecret)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			h.Add(tt.key, tt.value)
			got := r.Headers(h)
			checkRedacted(t, got.Get(tt.key), tt.leaks, tt.keeps)
			if h.Get(tt.key) != tt.value {
				t.Errorf("input header changed to %q", h.Get(tt.key))
			}
		})
	}
}

func TestRedactorBody(t *testing.T) {
	tokenJSON, err := os.ReadFile("testdata/token_response.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		contentType string
		body        string
		leaks       []string
		keeps       []string
		exact       string
	}{
		{
			name:        "token request form",
			contentType: "application/x-www-form-urlencoded",
			body:        "grant_type=authorization_code&client_id=cid&client_secret=" + testSecret + "&code=form-code-1&code_verifier=form-verifier-2&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb",
			leaks:       []string{testSecret, "form-code-1", "form-verifier-2"},
			exact:       "grant_type=authorization_code&client_id=cid&client_secret=••••alue&code=••••&code_verifier=••••&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb",
		},
		{
			name:        "refresh form",
			contentType: "application/x-www-form-urlencoded; charset=utf-8",
			body:        "grant_type=refresh_token&refresh_token=form-refresh-3&client_secret=other",
			leaks:       []string{"form-refresh-3", "=other"},
			keeps:       []string{"grant_type=refresh_token"},
		},
		{
			name:        "nested JSON",
			contentType: "application/json",
			body:        string(tokenJSON),
			leaks: []string{
				"c2lnbmF0dXJlLXZhbHVlLWhlcmU", "7d1f0c2ab1e84f0b9e3a2f6c5d4b3a21", "nested-refresh-value-0001",
				"plain-id-token-value-0002", "123456", "leaky-code-0003", "object-secret-0004",
			},
			keeps: []string{`"expires_in":3600`, `"scope":"info accounts offline_access"`, `"name":"first"`, `"kind":"••••"`, `state=s1`},
		},
		{
			name:        "JSON key order kept, HTML not escaped",
			contentType: "application/json",
			body:        `{"z":1,"a":"<b>&","refresh_token":"rt-json-value-1"}`,
			exact:       `{"z":1,"a":"<b>&","refresh_token":"••••"}`,
		},
		{
			name:  "JSON without content type is sniffed",
			body:  `[{"access_token":"sniffed-token-1"}]`,
			exact: `[{"access_token":"••••"}]`,
		},
		{
			name:        "malformed JSON falls back to text patterns",
			contentType: "application/json",
			body:        `{"refresh_token": "broken-refresh-1", "x": `,
			leaks:       []string{"broken-refresh-1"},
			keeps:       []string{`"refresh_token": "••••`},
		},
		{
			name:        "plain text with JWT, registered value and key=value",
			contentType: "text/plain",
			body:        "token " + testJWT + " secret " + testSecret + " redirect http://x/cb?code=text-code-1&state=s",
			leaks:       []string{"eyJzdWIi", testSecret, "text-code-1"},
			keeps:       []string{"token ••••", "secret ••••", "code=••••&state=s"},
		},
		{
			name:        "html page summarised",
			contentType: "text/html; charset=utf-8",
			body:        "<html><body>code=html-code-1</body></html>",
			exact:       "[html page, 42 bytes]",
		},
		{
			name:        "binary summarised",
			contentType: "application/pdf",
			body:        "%PDF-1.4\x00\x01\x02",
			exact:       "[binary, 11 bytes]",
		},
		{
			name:  "invalid UTF-8 without type is binary",
			body:  "\xff\xfe\x00abc",
			exact: "[binary, 6 bytes]",
		},
		{
			name: "empty",
		},
	}
	r := NewRedactor(testSecret)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Body(tt.contentType, []byte(tt.body))
			checkRedacted(t, got, tt.leaks, tt.keeps)
			if tt.exact != "" && got != tt.exact {
				t.Errorf("got\n%s\nwant\n%s", got, tt.exact)
			}
		})
	}
}

func TestRedactorBodyTruncates(t *testing.T) {
	body := `{"access_token":"trunc-token-1","pad":"` + strings.Repeat("é", DefaultMaxBody) + `"}`
	got := NewRedactor().Body("application/json", []byte(body))
	checkRedacted(t, got, []string{"trunc-token-1"}, []string{`{"access_token":"••••"`, "[truncated: showing"})
	if len(got) > DefaultMaxBody+100 {
		t.Errorf("len = %d, want about %d", len(got), DefaultMaxBody)
	}
}

func TestRedactorShortValueOnlyWholeField(t *testing.T) {
	r := NewRedactor("abc")
	tests := []struct {
		name, in, want string
	}{
		{"whole field masked", "abc", "••••"},
		{"inside a word kept", "the abcdef path", "the abcdef path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRedactorNilAndConcurrent(t *testing.T) {
	var nilRedactor *Redactor
	if got := nilRedactor.URL("https://h/?code=nil-code-1"); strings.Contains(got, "nil-code-1") {
		t.Errorf("nil redactor leaked: %s", got)
	}
	r := NewRedactor()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			r.AddValue(strings.Repeat(string(rune('a'+i)), 12))
		}()
		go func() {
			defer wg.Done()
			_ = r.Body("text/plain", []byte("hello "+strings.Repeat("b", 12)))
		}()
	}
	wg.Wait()
	if got := r.Text("x " + strings.Repeat("c", 12)); strings.Contains(got, "cccccccccccc") {
		t.Errorf("value added concurrently not masked: %s", got)
	}
}

func TestSecretKeyNamesInSync(t *testing.T) {
	for name := range strings.SplitSeq(secretKeyNames, "|") {
		t.Run(name, func(t *testing.T) {
			if !isSecretKey(name) || !isSecretKey(strings.ToUpper(name)) {
				t.Errorf("isSecretKey(%q) = false, want true", name)
			}
		})
	}
	if isSecretKey("state") || isSecretKey("zipcode") {
		t.Error("harmless keys reported secret")
	}
}

func TestEverySecretKeyEverywhere(t *testing.T) {
	r := NewRedactor()
	for key := range strings.SplitSeq(secretKeyNames, "|") {
		value := "value-of-" + key + "-0123456789"
		contexts := []struct {
			name string
			got  string
		}{
			{"URL query", r.URL("https://h/p?x=1&" + key + "=" + value)},
			{"URL fragment", r.URL("https://h/p#" + key + "=" + value)},
			{"Location header", r.Headers(http.Header{"Location": {"/cb?" + key + "=" + value}}).Get("Location")},
			{"form", r.Body("application/x-www-form-urlencoded", []byte("a=b&"+strings.ToUpper(key)+"="+value))},
			{"nested JSON", r.Body("application/json", []byte(`{"a":{"b":[{"`+key+`":"`+value+`"}]}}`))},
			{"text key=value", r.Body("text/plain", []byte("see "+key+"="+value+" there"))},
			{"text JSON-ish", r.Body("text/plain", []byte(`log: {"`+key+`": "`+value+`"}`))},
		}
		for _, c := range contexts {
			t.Run(key+"/"+c.name, func(t *testing.T) {
				checkRedacted(t, c.got, []string{value[:len(value)-4]}, []string{maskDots})
			})
		}
	}
}
