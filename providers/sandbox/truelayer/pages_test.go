package truelayer

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/providers/sandbox/browser"
)

func TestPagesRender(t *testing.T) {
	tests := []struct {
		name     string
		opts     Config
		scope    string
		want     []string
		wantNot  []string
		pageStep string
	}{
		{"consent lists what is shared", Config{}, "info accounts signupplus offline_access",
			[]string{"linkstep", "Mock", "full name, date of birth and address", "verified identity", "90 days", `value="allow"`, `value="decline"`},
			nil, "consent"},
		{"consent without offline_access is one-off", Config{}, "signupplus",
			[]string{"one-off"}, []string{"90 days"}, "consent"},
		{"selection lists the banks", Config{Banks: twoBanks()}, "signupplus",
			[]string{`name="provider_id"`, `value="mock"`, `value="ob-monzo"`, "Monzo"}, nil, "select"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, tt.opts)
			p := e.linkParams()
			p.Set("scope", tt.scope)
			resp, err := e.srv.Client().Get(e.link(p))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Request.URL.Path, "/"+tt.pageStep+"/") ||
				!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
				t.Fatalf("got %s at %s", resp.Status, resp.Request.URL)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(body), w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(string(body), w) {
					t.Errorf("page shows %q", w)
				}
			}
		})
	}
}

func TestStalePageForms(t *testing.T) {
	e := newTestEnv(t, Config{})
	c := noRedirectClient()
	resp, err := c.Get(e.link(e.linkParams()))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	consent := e.srv.URL + resp.Header.Get("Location")
	tests := []struct {
		name, url, body string
		wantStatus      int
	}{
		{"consent without the form token", consent, "decision=allow", http.StatusBadRequest},
		{"unknown session", e.authURL + "/consent/nope", "decision=allow", http.StatusNotFound},
		{"login without the form token", strings.Replace(consent, "/consent/", "/bank/", 1), "username=john&password=doe", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Post(tt.url, "application/x-www-form-urlencoded", strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			page, err := browser.ParsePage(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.wantStatus || page.ErrorCode != "invalid_request" {
				t.Fatalf("got %d %+v, want %d invalid_request", resp.StatusCode, page, tt.wantStatus)
			}
		})
	}
}

func TestPagesFollowTheSteps(t *testing.T) {
	e := newTestEnv(t, Config{})
	c := noRedirectClient()
	resp, err := c.Get(e.link(e.linkParams()))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	consent := resp.Header.Get("Location")
	tests := []struct{ name, path, want string }{
		{"the bank before consent goes to consent", strings.Replace(consent, "/consent/", "/bank/", 1), consent},
		{"selection with one bank goes to consent", strings.Replace(consent, "/consent/", "/select/", 1), consent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Get(e.srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != tt.want {
				t.Fatalf("got %d → %q, want 303 → %q", resp.StatusCode, resp.Header.Get("Location"), tt.want)
			}
		})
	}
}
