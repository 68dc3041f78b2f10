package truelayer

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// timeDays is n days of the sandbox clock.
func timeDays(n int) time.Duration { return time.Duration(n) * day }

func TestConsentLifecycle(t *testing.T) {
	tests := []struct {
		name        string
		advance     int
		wantRefresh bool // a refresh works
		wantRenew   bool // extend and re-auth work
		wantDaysOn  int  // days of consent /me shows after a refresh, when it works
	}{
		{"fresh", 0, true, true, 90},
		{"expires in 5 days", 85, true, true, 5},
		{"expired, extendable", 95, false, true, 0},
		{"last day of the window", 179, false, true, 0},
		{"past the window", 185, false, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			c := e.open("john", "eternal")
			e.clock.Advance(timeDays(tt.advance))
			status, tok := e.refresh(c.Refresh)
			switch {
			case tt.wantRefresh && status != http.StatusOK:
				t.Fatalf("refresh: %d %v", status, tok)
			case tt.wantRefresh:
				c.Refresh = tok["refresh_token"].(string)
				if got, want := e.consentExpiry(tok["access_token"].(string)), e.clock.Now().Add(timeDays(tt.wantDaysOn)); !got.Equal(want) {
					t.Errorf("consent expires %v, want %v", got, want)
				}
			case status != http.StatusBadRequest || tok["error"] != "invalid_grant":
				t.Fatalf("refresh: %d %v, want invalid_grant", status, tok)
			default:
				if d, _ := tok["error_description"].(string); !strings.Contains(d, "consent expired") {
					t.Errorf("refresh refused with %q: want it to say the consent expired", d)
				}
			}
			status, body := e.reauthURI(c.Refresh, testRedirectURI, "s")
			if (status == http.StatusOK) != tt.wantRenew {
				t.Errorf("reauthuri: %d %s, want it to work: %v", status, body, tt.wantRenew)
			}
			status, body = e.extend(e.extendBody(c.Refresh, testRedirectURI))
			if (status == http.StatusOK) != tt.wantRenew {
				t.Fatalf("extend: %d %s, want it to work: %v", status, body, tt.wantRenew)
			}
			if !tt.wantRenew {
				return
			}
			// Extended, the connection refreshes again.
			if status, tok := e.refresh(c.Refresh); status != http.StatusOK {
				t.Errorf("refresh after extend: %d %v", status, tok)
			}
		})
	}
}

func TestExpiredAccessTokenIsRefused(t *testing.T) {
	e := newTestEnv(t, Config{})
	c := e.open("john", "doe")
	e.clock.Advance(30 * time.Minute)
	status, body := e.get("/data/v1/accounts", c.Access)
	if status != http.StatusOK {
		t.Fatalf("accounts: %d %s", status, body)
	}
	e.clock.Advance(time.Hour)
	status, body = e.get("/data/v1/accounts", c.Access)
	wantError(t, status, body, http.StatusUnauthorized, "invalid_token")
}

func TestRevoke(t *testing.T) {
	e := newTestEnv(t, Config{})
	c := e.open("john", "eternal")
	other := e.open("john", "doe")
	status, body := e.send(http.MethodDelete, e.authURL+"/api/delete", nil, c.Access)
	if status != http.StatusOK || string(body) != "{}\n" {
		t.Fatalf("delete: %d %s, want 200 {}", status, body)
	}
	status, body = e.get("/data/v1/me", c.Access)
	wantError(t, status, body, http.StatusUnauthorized, "invalid_token")
	status, tok := e.refresh(c.Refresh)
	if status != http.StatusBadRequest || tok["error"] != "invalid_grant" {
		t.Errorf("refresh a revoked connection: %d %v", status, tok)
	}
	status, body = e.extend(e.extendBody(c.Refresh, testRedirectURI))
	wantError(t, status, body, http.StatusBadRequest, "invalid_grant")
	status, body = e.reauthURI(c.Refresh, testRedirectURI, "s")
	wantError(t, status, body, http.StatusUnauthorized, "invalid_grant")
	status, body = e.send(http.MethodDelete, e.authURL+"/api/delete", nil, c.Access)
	wantError(t, status, body, http.StatusUnauthorized, "invalid_token")
	// Another connection is untouched.
	if status, body := e.get("/data/v1/me", other.Access); status != http.StatusOK {
		t.Errorf("the other connection: %d %s", status, body)
	}
}

func TestRevokeRefusals(t *testing.T) {
	tests := []struct {
		name  string
		token func(e *testEnv) string
	}{
		{"no token", func(*testEnv) string { return "" }},
		{"a forged token", func(*testEnv) string { return "a.b.c" }},
		{"an expired token", func(e *testEnv) string {
			c := e.open("john", "doe")
			e.clock.Advance(2 * time.Hour)
			return c.Access
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			status, body := e.send(http.MethodDelete, e.authURL+"/api/delete", nil, tt.token(e))
			wantError(t, status, body, http.StatusUnauthorized, "invalid_token")
		})
	}
}
