package mockbank

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

func TestReadLogin(t *testing.T) {
	tests := []struct {
		name, username, password, wantUsername string
		wantOK                                 bool
	}{
		{"a mock user", "john1", "doe1", "john1", true},
		{"spaces around the username", "  john  ", "doe", "john", true},
		{"a wrong password", "john", "nope", "john", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := url.Values{"username": {tt.username}, "password": {tt.password}}
			r := httptest.NewRequest(http.MethodPost, "/bank/x", strings.NewReader(form.Encode()))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			username, u, ok := ReadLogin(r)
			if username != tt.wantUsername || ok != tt.wantOK || (ok && u.Username != tt.wantUsername) {
				t.Fatalf("ReadLogin = %q, %+v, %v", username, u, ok)
			}
		})
	}
}

func TestLoginPage(t *testing.T) {
	pages := kit.MustParsePages(LoginPageSource())
	tests := []struct {
		name    string
		page    LoginPage
		want    []string
		wantNot []string
	}{
		{"first attempt", LoginPage{Title: "Log in to Mock", Action: "/bank/s1", FormToken: "ft", BankName: "Mock", BankLogoURL: "/logos/mock.svg"},
			[]string{`<h1>Log in to Mock</h1>`, `action="/bank/s1"`, `name="form_token" value="ft"`, `name="password"`, `src="/logos/mock.svg"`},
			[]string{`id="login-error"`}},
		{"after a refused attempt", LoginPage{Title: "Log in to Mock", Action: "/bank/s1", BankName: "Mock", Username: "john", Error: LoginRefused},
			[]string{`id="login-error"`, LoginRefused, `name="username" value="john"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			pages.Render(rec, http.StatusOK, LoginPageName, tt.page)
			body := rec.Body.String()
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(body, w) {
					t.Errorf("page shows %q", w)
				}
			}
		})
	}
}
