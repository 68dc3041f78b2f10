package oneid

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// uuidForm is the form of a request id.
var uuidForm = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// TestEveryAnswerHasARequestID checks the X-Request-Id header on answers of every kind:
// documents, pages, redirects and errors.
func TestEveryAnswerHasARequestID(t *testing.T) {
	e := newTestEnv(t, Config{})
	_, challenge := pkce("x")
	tests := []struct {
		name, method, path string
		wantStatus         int
	}{
		{"discovery", "GET", "/.well-known/openid-configuration", 200},
		{"jwks", "GET", "/jwks", 200},
		{"authorize", "GET", "/v2/authorize?" + e.authParams(allScopes, challenge).Encode(), 302},
		{"an authorize error page", "GET", "/v2/authorize", 400},
		{"an unknown session", "GET", "/bank/nope", 404},
		{"token", "POST", "/token", 400},
		{"userinfo", "GET", "/userinfo", 401},
		{"report", "GET", "/userinfo/report", 401},
		{"ageverification", "GET", "/ageverification", 401},
		{"accounts", "GET", "/accounts", 401},
		{"an unknown path", "GET", "/nothing", 404},
		{"a wrong method", "DELETE", "/userinfo", 404},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, e.iss+tt.path, nil)
			resp, err := noRedirectClient().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			id := resp.Header.Get("x-request-id")
			if resp.StatusCode != tt.wantStatus || !uuidForm.MatchString(id) || seen[id] {
				t.Fatalf("got %d, request id %q: %s", resp.StatusCode, id, body)
			}
			seen[id] = true
		})
	}
}

func TestNotFound(t *testing.T) {
	e := newTestEnv(t, Config{})
	status, header, body := e.get("/authorize", "")
	wantError(t, status, body, http.StatusNotFound, "not_found")
	if !strings.HasPrefix(header.Get("Content-Type"), "application/json") {
		t.Errorf("Content-Type %q", header.Get("Content-Type"))
	}
}

func TestIndexRows(t *testing.T) {
	h := New(Config{ClientID: "sandbox-x", ClientSecret: "s3cret"})
	var all strings.Builder
	for _, row := range h.IndexRows("http://127.0.0.1:9") {
		all.WriteString(row.Label + ":")
		for _, it := range row.Items {
			all.WriteString(" " + it.Code + " (" + it.Note + ")")
		}
		all.WriteString("\n")
	}
	for _, w := range []string{"http://127.0.0.1:9/oneid", "sandbox-x", DefaultPublicClientID, "janet (Janet Davidson: clear)",
		"alix (Alix Rayner", "gary (Gary Humphrey"} {
		if !strings.Contains(all.String(), w) {
			t.Errorf("rows lack %q:\n%s", w, all.String())
		}
	}
	if strings.Contains(all.String(), "s3cret") {
		t.Error("rows show the secret")
	}
}
