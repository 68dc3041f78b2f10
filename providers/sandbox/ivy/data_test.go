package ivy

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// ibanForm is an IBAN of the countries the sandbox makes them for.
var ibanForm = regexp.MustCompile(`^(DE[0-9]{20}|GB[0-9]{2}[A-Z]{4}[0-9]{14})$`)

// validIBAN checks an IBAN's mod-97 check digits, as written out in ISO 13616.
func validIBAN(iban string) bool {
	if !ibanForm.MatchString(iban) {
		return false
	}
	r := 0
	for _, c := range iban[4:] + iban[:4] {
		if c >= 'A' && c <= 'Z' {
			r = (r*100 + int(c-'A') + 10) % 97
		} else {
			r = (r*10 + int(c-'0')) % 97
		}
	}
	return r == 1
}

func TestDataOfACompletedSession(t *testing.T) {
	tests := []struct {
		name, market, username, password string
		wantAccounts                     int
		wantCurrency, wantIBANPrefix     string
		wantSortCode                     bool
	}{
		{"john/doe in DE", "DE", "john", "doe", 3, "EUR", "DE", false},
		{"john5/doe5 in DE", "DE", "john5", "doe5", 5, "EUR", "DE", false},
		{"john/doe in GB", "GB", "john", "doe", 3, "GBP", "GB", true},
		{"john1/doe1 in FR", "FR", "john1", "doe1", 1, "EUR", "GB", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			id := e.completed(tt.username, tt.password, map[string]any{"market": tt.market})
			status, body := e.call(pathAccounts, map[string]any{"sessionId": id})
			accounts, _ := body["accounts"].([]any)
			if status != http.StatusOK || len(accounts) != tt.wantAccounts {
				t.Fatalf("accounts: %d %v", status, body)
			}
			ibans := map[string]bool{}
			for _, x := range accounts {
				a := x.(map[string]any)
				fa := a["financialAddress"].([]any)
				iban := fa[0].(map[string]any)["iban"].(map[string]any)
				if a["bankId"] != "mock" || a["bankName"] != "Mock" || a["currency"] != tt.wantCurrency || a["accountName"] == "" ||
					fa[0].(map[string]any)["type"] != "iban" || !validIBAN(iban["iban"].(string)) || ibans[iban["iban"].(string)] ||
					!strings.HasPrefix(iban["iban"].(string), tt.wantIBANPrefix) || iban["accountHolderName"] != "John Doe" || iban["bic"] == "" {
					t.Errorf("account %v is malformed or repeats an IBAN", a)
				}
				ibans[iban["iban"].(string)] = true
				if hasSortCode := len(fa) == 2 && fa[1].(map[string]any)["type"] == "sort_code"; hasSortCode != tt.wantSortCode {
					t.Errorf("account %v: a sort code %v, want %v", a["id"], hasSortCode, tt.wantSortCode)
				}
			}
			status, body = e.call(pathBalances, map[string]any{"sessionId": id})
			balances, _ := body["balances"].([]any)
			if status != http.StatusOK || len(balances) != tt.wantAccounts {
				t.Fatalf("balances: %d %v", status, body)
			}
			amount := regexp.MustCompile(`^[0-9]+\.[0-9]{2}$`)
			for i, x := range balances {
				b := x.(map[string]any)
				if b["accountId"] != accounts[i].(map[string]any)["id"] || !amount.MatchString(b["available"].(string)) ||
					!amount.MatchString(b["current"].(string)) || b["currency"] != tt.wantCurrency || b["timestamp"] != float64(e.clock.Now().Unix()) {
					t.Errorf("balance %v", b)
				}
			}
		})
	}
}

func TestDataIsTheSameForTheSameUser(t *testing.T) {
	e := newTestEnv(t, Config{})
	var answers []string
	for range 2 {
		id := e.completed("john", "doe", nil)
		_, accs := e.call(pathAccounts, map[string]any{"sessionId": id})
		_, bals := e.call(pathBalances, map[string]any{"sessionId": id})
		answers = append(answers, strings.Join([]string{jsonOf(t, accs), jsonOf(t, bals)}, "\n"))
	}
	if answers[0] != answers[1] {
		t.Fatalf("two sessions of john/doe differ:\n%s\n%s", answers[0], answers[1])
	}
}

func TestDataIsGuarded(t *testing.T) {
	e := newTestEnv(t, Config{})
	open := e.create(nil)["id"]
	identityOnly := e.completed("john", "doe", map[string]any{"permissions": []string{"identity"}})
	declined := e.create(nil)
	if _, err := e.walk(declined["redirectUrl"].(string), "john", "doe", true); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		id         any
		wantStatus int
		wantCode   string
		wantMsg    string
	}{
		{"an unknown session", pathAccounts, "nope", 404, codeNotFound, `"nope"`},
		{"an open session", pathAccounts, open, 400, codeSessionNotCompleted, "is open"},
		{"a declined session", pathBalances, declined["id"], 400, codeSessionNotCompleted, "failed (consent_declined)"},
		{"no accounts permission", pathAccounts, identityOnly, 403, codePermissionNotGranted, "without the accounts permission (it has: identity)"},
		{"no balances permission", pathBalances, identityOnly, 403, codePermissionNotGranted, "balances permission"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := e.call(tt.path, map[string]any{"sessionId": tt.id})
			if status != tt.wantStatus || errorCode(body) != tt.wantCode || !strings.Contains(errorMessage(body), tt.wantMsg) {
				t.Fatalf("got %d %v; want %d %s saying %q", status, body, tt.wantStatus, tt.wantCode, tt.wantMsg)
			}
		})
	}
	e.clock.Advance(time.Hour + time.Second)
	if status, body := e.call(pathAccounts, map[string]any{"sessionId": open}); status != 400 || !strings.Contains(errorMessage(body), "is expired") {
		t.Fatalf("an expired session: %d %v", status, body)
	}
}

func TestConsent(t *testing.T) {
	e := newTestEnv(t, Config{})
	open := e.create(nil)
	id := e.completed("john", "doe", nil)
	completedAt := e.clock.Now()
	declined := e.create(nil)
	if _, err := e.walk(declined["redirectUrl"].(string), "john", "doe", true); err != nil {
		t.Fatal(err)
	}
	consent := func(path string, id any) (int, map[string]any) { return e.call(path, map[string]any{"sessionId": id}) }

	for name, tc := range map[string]struct {
		id         any
		wantStatus string
		wantExpiry time.Time
	}{
		"open":      {open["id"], "created", completedAt.Add(time.Hour)},
		"completed": {id, "authorised", completedAt.Add(90 * 24 * time.Hour)},
		"declined":  {declined["id"], "failed", completedAt.Add(time.Hour)},
	} {
		status, c := consent(pathConsent, tc.id)
		if status != 200 || c["status"] != tc.wantStatus || c["expiresAt"] != float64(tc.wantExpiry.Unix()) ||
			len(c["permissions"].([]any)) != 3 || c["sessionId"] != tc.id {
			t.Errorf("%s: consent %d %v; want %s until %v", name, status, c, tc.wantStatus, tc.wantExpiry)
		}
	}
	if status, c := consent(pathConsentRevoke, open["id"]); status != 400 || errorCode(c) != codeConsentNotAuthorised {
		t.Errorf("revoking a created consent: %d %v", status, c)
	}
	e.clock.Advance(time.Minute)
	for range 2 { // revoking again changes nothing
		if status, c := consent(pathConsentRevoke, id); status != 200 || c["status"] != "revoked" {
			t.Fatalf("revoke: %d %v", status, c)
		}
	}
	if _, c := consent(pathConsent, id); c["status"] != "revoked" {
		t.Errorf("consent after revoke: %v", c)
	}
	if status, body := e.call(pathAccounts, map[string]any{"sessionId": id}); status != 403 || !strings.Contains(errorMessage(body), "is revoked") {
		t.Errorf("accounts after revoke: %d %v", status, body)
	}
	if status, c := consent(pathConsentRevoke, "nope"); status != 404 {
		t.Errorf("revoke an unknown session: %d %v", status, c)
	}

	other := e.completed("john", "doe", nil)
	e.clock.Advance(91 * 24 * time.Hour)
	if _, c := consent(pathConsent, other); c["status"] != "expired" {
		t.Errorf("consent after 91 days: %v", c)
	}
	if status, body := e.call(pathBalances, map[string]any{"sessionId": other}); status != 403 || !strings.Contains(errorMessage(body), "is expired") {
		t.Errorf("balances after 91 days: %d %v", status, body)
	}
}
