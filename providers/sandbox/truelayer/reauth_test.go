package truelayer

import (
	"net/http"
	"strings"
	"testing"
)

func TestReauthKeepsTheConnection(t *testing.T) {
	tests := []struct {
		name    string
		advance int // days before re-authenticating
	}{
		{"before the consent expires", 85},
		{"after it expired, inside the window", 170},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			c := e.open("john", "doe")
			e.clock.Advance(timeDays(tt.advance))
			status, body := e.reauthURI(c.Refresh, testRedirectURI, "r3auth")
			if status != http.StatusOK {
				t.Fatalf("reauthuri: %d %s", status, body)
			}
			if got, want := jsonShape(t, body), "{result:string,success:bool,}"; got != want {
				t.Errorf("shape %s, want %s", got, want)
			}
			m := decode(t, body)
			link, _ := m["result"].(string)
			if m["success"] != true || !strings.HasPrefix(link, e.authURL+"/") {
				t.Fatalf("reauthuri answered %s, want success and a link on the sandbox", body)
			}
			q, pages := e.walkLink(link, testRedirectURI, "john", "doe")
			if q.Get("code") == "" || q.Get("state") != "r3auth" {
				t.Fatalf("redirect query %v, want a code and the state", q)
			}
			if len(pages) != 2 {
				t.Errorf("the link took %v, want the bank's login page and its form only", pages)
			}
			status, tok := e.exchangeNoPKCE(q.Get("code"), testRedirectURI)
			if status != http.StatusOK {
				t.Fatalf("exchange: %d %v", status, tok)
			}
			access := tok["access_token"].(string)
			if subject(t, access) != c.ID || tok["refresh_token"] != c.Refresh {
				t.Fatalf("exchange gave sub %s and refresh token %v, want %s and %s", subject(t, access), tok["refresh_token"], c.ID, c.Refresh)
			}
			if got, want := e.consentExpiry(access), e.clock.Now().Add(90*day); !got.Equal(want) {
				t.Errorf("consent expires %v, want %v", got, want)
			}
			if status, tok := e.refresh(c.Refresh); status != http.StatusOK {
				t.Errorf("refresh after re-auth: %d %v", status, tok)
			}
		})
	}
}

func TestReauthRefusals(t *testing.T) {
	tests := []struct {
		name        string
		refresh     string // "" for the connection's
		redirectURI string
		advance     int
		wantStatus  int
		wantCode    string
		wantDesc    string
	}{
		{name: "another redirect URI", redirectURI: "http://127.0.0.1:9999/other", wantStatus: 400,
			wantCode: "invalid_redirect_uri", wantDesc: "the one the connection was made with: " + testRedirectURI},
		{name: "past the re-auth window", redirectURI: testRedirectURI, advance: 181, wantStatus: 401,
			wantCode: "invalid_grant", wantDesc: "more than 90 days ago"},
		{name: "an unknown refresh token", refresh: "r-unknown", redirectURI: testRedirectURI, wantStatus: 401, wantCode: "invalid_grant"},
		{name: "no redirect URI", wantStatus: 400, wantCode: "validation_error", wantDesc: "redirect_uri"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			c := e.open("john", "doe")
			e.clock.Advance(timeDays(tt.advance))
			refresh := tt.refresh
			if refresh == "" {
				refresh = c.Refresh
			}
			status, body := e.reauthURI(refresh, tt.redirectURI, "s")
			wantError(t, status, body, tt.wantStatus, tt.wantCode)
			wantDescription(t, body, tt.wantDesc)
		})
	}
}

func TestReauthNeedsResponseTypeCode(t *testing.T) {
	e := newTestEnv(t, Config{})
	c := e.open("john", "doe")
	status, body := e.send(http.MethodPost, e.authURL+"/v1/reauthuri",
		map[string]string{"response_type": "token", "refresh_token": c.Refresh, "redirect_uri": testRedirectURI}, "")
	wantError(t, status, body, http.StatusBadRequest, "validation_error")
}

func TestRenewalCodeIsSingleUse(t *testing.T) {
	e := newTestEnv(t, Config{})
	c := e.open("john", "doe")
	_, body := e.reauthURI(c.Refresh, testRedirectURI, "s")
	q, _ := e.walkLink(decode(t, body)["result"].(string), testRedirectURI, "john", "doe")
	if status, tok := e.exchangeNoPKCE(q.Get("code"), testRedirectURI); status != http.StatusOK {
		t.Fatalf("exchange: %d %v", status, tok)
	}
	status, tok := e.exchangeNoPKCE(q.Get("code"), testRedirectURI)
	if status != http.StatusBadRequest || tok["error"] != "invalid_authorization_code" {
		t.Fatalf("second exchange: %d %v, want invalid_authorization_code", status, tok)
	}
	// As for any code, reusing it revokes what it was used for.
	if status, tok := e.refresh(c.Refresh); status != http.StatusBadRequest || tok["error"] != "invalid_grant" {
		t.Errorf("refresh after the reused code: %d %v, want invalid_grant", status, tok)
	}
}
