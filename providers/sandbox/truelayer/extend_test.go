package truelayer

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestExtendEternalNeedsNoAction(t *testing.T) {
	e := newTestEnv(t, Config{})
	c := e.open("john", "eternal")
	e.clock.Advance(60 * day)
	status, body := e.extend(e.extendBody(c.Refresh, testRedirectURI))
	if status != http.StatusOK {
		t.Fatalf("extend: %d %s", status, body)
	}
	want := "{action_needed:string,access_token:string,refresh_token:string,expires_in:number,token_type:string,consent_expires_at:string,}"
	if got := jsonShape(t, body); got != want {
		t.Errorf("shape %s, want %s", got, want)
	}
	m := decode(t, body)
	access, _ := m["access_token"].(string)
	if m["action_needed"] != "no_action_needed" || access == c.Access || subject(t, access) != c.ID ||
		m["refresh_token"] != c.Refresh || m["expires_in"] != 3600.0 || m["token_type"] != "Bearer" {
		t.Fatalf("extend answered %s: want a new access token for %s and the same refresh token", body, c.ID)
	}
	wantExpiry := e.clock.Now().Add(90 * day)
	expiry, err := time.Parse(time.RFC3339, m["consent_expires_at"].(string))
	if err != nil || !expiry.Equal(wantExpiry) {
		t.Errorf("consent_expires_at %v (%v), want %v", m["consent_expires_at"], err, wantExpiry)
	}
	if got := e.consentExpiry(access); !got.Equal(wantExpiry) {
		t.Errorf("/me says the consent expires %v, want %v", got, wantExpiry)
	}
	// The guide: keep the refresh token you used; it still works.
	if status, tok := e.refresh(c.Refresh); status != http.StatusOK {
		t.Errorf("refresh after extend: %d %v", status, tok)
	}
}

func TestExtendAuthenticationNeeded(t *testing.T) {
	tests := []struct{ username, password string }{
		{"john", "doe"}, {"john4", "doe4"}, {"john", "iban"}, {"error.internal_error", "error"},
	}
	for _, tt := range tests {
		t.Run(tt.username+"/"+tt.password, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			c := e.open(tt.username, tt.password)
			e.clock.Advance(95 * day) // expired, but extendable
			const back = "http://localhost:8123/extended"
			status, body := e.extend(e.extendBody(c.Refresh, back))
			if status != http.StatusOK {
				t.Fatalf("extend: %d %s", status, body)
			}
			if got, want := jsonShape(t, body), "{action_needed:string,user_input_link:string,}"; got != want {
				t.Errorf("shape %s, want %s", got, want)
			}
			m := decode(t, body)
			link, _ := m["user_input_link"].(string)
			if m["action_needed"] != "authentication_needed" || !strings.HasPrefix(link, e.authURL+"/") {
				t.Fatalf("extend answered %s, want authentication_needed with a link on the sandbox", body)
			}
			q, pages := e.walkLink(link, back, tt.username, tt.password)
			if q.Get("code") == "" || q.Has("state") || q.Has("error") {
				t.Fatalf("redirect query %v, want a code and no state", q)
			}
			for _, p := range pages {
				if strings.Contains(p, "/select/") || strings.Contains(p, "/consent/") {
					t.Errorf("the link went through %s: want the bank login only", p)
				}
			}
			status, tok := e.exchangeNoPKCE(q.Get("code"), back)
			if status != http.StatusOK {
				t.Fatalf("exchange: %d %v", status, tok)
			}
			access := tok["access_token"].(string)
			if subject(t, access) != c.ID || tok["refresh_token"] != c.Refresh {
				t.Errorf("exchange gave sub %s and refresh token %v, want %s and the same refresh token", subject(t, access), tok["refresh_token"], c.ID)
			}
			if tt.username == "error.internal_error" {
				status, body := e.get("/data/v1/accounts", access)
				wantError(t, status, body, http.StatusInternalServerError, "internal_error") // still failing
				return
			}
			if got, want := e.consentExpiry(access), e.clock.Now().Add(90*day); !got.Equal(want) {
				t.Errorf("consent expires %v, want %v", got, want)
			}
		})
	}
}

func TestExtendRefusals(t *testing.T) {
	tests := []struct {
		name       string
		change     func(e *testEnv, body map[string]any)
		wantStatus int
		wantCode   string
		wantDesc   string
	}{
		{"not reconfirmed", func(_ *testEnv, b map[string]any) { b["user_has_reconfirmed_consent"] = false },
			400, "validation_error", "user_has_reconfirmed_consent must be true"},
		{"reconfirmation missing", func(_ *testEnv, b map[string]any) { delete(b, "user_has_reconfirmed_consent") },
			400, "validation_error", "user_has_reconfirmed_consent must be true"},
		{"no user", func(_ *testEnv, b map[string]any) { delete(b, "user") }, 400, "validation_error", "user is required"},
		{"no name", func(_ *testEnv, b map[string]any) { b["user"] = map[string]any{"email": "john@example.com"} },
			400, "validation_error", "user.name"},
		{"neither email nor phone", func(_ *testEnv, b map[string]any) { b["user"] = map[string]any{"name": "John Doe"} },
			400, "validation_error", "user.email or user.phone"},
		{"a phone instead of an email is fine", func(_ *testEnv, b map[string]any) {
			b["user"] = map[string]any{"name": "John Doe", "phone": "+447700900123"}
		}, 200, "", ""},
		{"bad client secret", func(_ *testEnv, b map[string]any) { b["client_secret"] = "nope" }, 401, "invalid_client", ""},
		{"other client id", func(_ *testEnv, b map[string]any) { b["client_id"] = "sandbox-other" }, 401, "invalid_client", ""},
		{"unknown refresh token", func(_ *testEnv, b map[string]any) { b["refresh_token"] = "r-unknown" }, 400, "invalid_grant", ""},
		{"no refresh token", func(_ *testEnv, b map[string]any) { delete(b, "refresh_token") }, 400, "validation_error", "refresh_token"},
		{"no redirect URI", func(_ *testEnv, b map[string]any) { delete(b, "redirect_uri") }, 400, "validation_error", "redirect_uri"},
		{"a redirect URI that is not loopback", func(_ *testEnv, b map[string]any) { b["redirect_uri"] = "http://example.com/cb" },
			400, "validation_error", "redirect_uri"},
		{"past the re-auth window", func(e *testEnv, _ map[string]any) { e.clock.Advance(181 * day) },
			400, "invalid_grant", "re-auth window"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			c := e.open("john", "doe")
			body := e.extendBody(c.Refresh, testRedirectURI)
			tt.change(e, body)
			status, got := e.extend(body)
			if tt.wantCode == "" {
				if status != tt.wantStatus {
					t.Fatalf("extend: %d %s, want %d", status, got, tt.wantStatus)
				}
				return
			}
			wantError(t, status, got, tt.wantStatus, tt.wantCode)
			wantDescription(t, got, tt.wantDesc)
		})
	}
}

func TestExtendNeedsAJSONBody(t *testing.T) {
	e := newTestEnv(t, Config{})
	for _, tt := range []struct{ name, contentType, body string }{
		{"a form", "application/x-www-form-urlencoded", "client_id=x"},
		{"broken JSON", "application/json", `{"client_id":`},
		{"two objects", "application/json", `{} {}`},
		{"a wrongly typed field", "application/json", `{"user_has_reconfirmed_consent": "yes"}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := e.srv.Client().Post(e.apiURL+"/data/v1/connections/extend", tt.contentType, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			wantError(t, resp.StatusCode, body, http.StatusBadRequest, "validation_error")
		})
	}
}
