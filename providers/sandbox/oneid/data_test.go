package oneid

import (
	"encoding/json"
	"net/http"
	"regexp"
	"testing"
	"time"
)

func TestAgeVerification(t *testing.T) {
	tests := []struct {
		name, identity, scope string
		wantStatus            int
		wantBody              string
		wantError             string
	}{
		{"janet", "janet", allScopes, 200, "{\"age_over_18\":true}\n", ""},
		{"gary with the age check product", "gary", "openid age_over_18 product:age_check", 200, "{\"age_over_18\":true}\n", ""},
		{"without the scope", "alix", "openid profile product:age_check", 403, "", "insufficient_scope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			status, _, body := e.get("/ageverification", e.accessToken(tt.identity, tt.scope))
			if tt.wantError != "" {
				wantError(t, status, body, tt.wantStatus, tt.wantError)
				return
			}
			if status != tt.wantStatus || string(body) != tt.wantBody {
				t.Fatalf("got %d %s", status, body)
			}
		})
	}
}

func TestOver18(t *testing.T) {
	now := time.Date(2026, 3, 14, 23, 59, 0, 0, time.UTC)
	tests := []struct {
		born string
		want bool
	}{
		{"2008-03-14", true},  // 18 today
		{"2008-03-15", false}, // 18 tomorrow
		{"1985-06-01", true},
		{"2010-01-01", false},
	}
	for _, tt := range tests {
		t.Run(tt.born, func(t *testing.T) {
			if got, err := over18(tt.born, now); err != nil || got != tt.want {
				t.Fatalf("over18(%s) = %v, %v", tt.born, got, err)
			}
		})
	}
	if _, err := over18("01/06/1985", now); err == nil {
		t.Error("over18 accepted a malformed date")
	}
}

// ukIBAN is the form of a UK IBAN.
var ukIBAN = regexp.MustCompile(`^GB[0-9]{2}[A-Z]{4}[0-9]{14}$`)

// validIBAN checks an IBAN's mod-97 check digits.
func validIBAN(iban string) bool {
	r := 0
	for _, c := range iban[4:] + iban[:4] {
		if c >= 'A' && c <= 'Z' {
			r = (r*100 + int(c-'A') + 10) % 97
		} else {
			r = (r*10 + int(c-'0')) % 97
		}
	}
	return ukIBAN.MatchString(iban) && r == 1
}

func TestAccounts(t *testing.T) {
	tests := []struct {
		name, identity, scope string
		wantAccounts          int
		wantBalances          []string // amounts, when balances are expected
		wantStatus            int
	}{
		{"janet with balances", "janet", allScopes, 2, []string{"1234.56", "8020.00"}, 200},
		{"janet without balances", "janet", "openid accounts product:sign_up_plus", 2, nil, 200},
		{"alix", "alix", "openid accounts accounts.balances product:id_assure", 1, []string{"42.17"}, 200},
		{"gary", "gary", "openid accounts product:id_assure", 1, nil, 200},
		{"without the accounts scope", "janet", "openid profile product:id_assure", 0, nil, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			status, _, body := e.get("/accounts", e.accessToken(tt.identity, tt.scope))
			if tt.wantStatus != http.StatusOK {
				wantError(t, status, body, tt.wantStatus, "insufficient_scope")
				return
			}
			var accounts []map[string]any
			if err := json.Unmarshal(body, &accounts); status != http.StatusOK || err != nil || len(accounts) != tt.wantAccounts {
				t.Fatalf("accounts: %d %v %s", status, err, body)
			}
			seen := map[any]bool{}
			for i, a := range accounts {
				iban, _ := a["iban"].(string)
				bic, _ := a["bic"].(string)
				number, _ := a["account_number"].(string)
				sort, _ := a["sort_code"].(string)
				if !validIBAN(iban) || seen[iban] || len(bic) != 11 || len(number) != 8 || len(sort) != 6 ||
					a["currency"] != "GBP" || a["account_type"] != "Personal" || a["account_sub_type"] == "" || a["nickname"] == "" {
					t.Errorf("account %d: %v", i, a)
				}
				seen[iban] = true
				bal, has := a["balance"].(map[string]any)
				switch {
				case tt.wantBalances == nil && has:
					t.Errorf("account %d has a balance without accounts.balances", i)
				case tt.wantBalances != nil && (!has || bal["amount"] != tt.wantBalances[i] || bal["currency"] != "GBP"):
					t.Errorf("account %d balance %v, want %s GBP", i, a["balance"], tt.wantBalances[i])
				}
			}
		})
	}
}

// TestAccountShape checks an account's keys are the documented ones, in the documented order.
func TestAccountShape(t *testing.T) {
	e := newTestEnv(t, Config{})
	_, _, body := e.get("/accounts", e.accessToken("alix", allScopes))
	var raw []json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil || len(raw) != 1 {
		t.Fatalf("accounts %s: %v", body, err)
	}
	want := []string{"currency", "account_type", "account_sub_type", "nickname", "iban", "bic", "account_number", "sort_code", "balance"}
	if got := keysOf(t, raw[0]); !equalStrings(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
}

// equalStrings compares two string slices.
func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
