package mockbank

import (
	"strings"
	"testing"
)

func TestAccountsAtABank(t *testing.T) {
	u, _ := Lookup("john2", "iban2")
	tests := []struct {
		bankID, wantBIC string
	}{
		{"mock", "MOCKGB2L"},
		{"ob-monzo", "MONZGB2L"},
	}
	for _, tt := range tests {
		t.Run(tt.bankID, func(t *testing.T) {
			accounts := u.AccountsAt(tt.bankID)
			if len(accounts) != 2 {
				t.Fatalf("%d accounts, want 2", len(accounts))
			}
			for i, a := range accounts {
				if a.SwiftBIC != tt.wantBIC || a.IBAN[4:8] != tt.wantBIC[:4] || !validGBIBAN(a.IBAN) ||
					!strings.HasSuffix(a.IBAN, "012131"+a.Number) || a.SortCode != SortCode {
					t.Errorf("account %d: %+v", i, a)
				}
			}
		})
	}
	// The ids depend on the user, not on the bank: the same login is the same accounts.
	if u.AccountsAt("mock")[1].ID != u.AccountsAt("ob-monzo")[1].ID {
		t.Error("account ids differ between banks")
	}
}

func TestFindAccount(t *testing.T) {
	u, _ := Lookup("john", "doe")
	accounts := u.AccountsAt("mock")
	tests := []struct {
		name, id string
		want     bool
	}{
		{"the second account", accounts[1].ID, true},
		{"an unknown id", "acc-00000000000000000", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := FindAccount(accounts, tt.id)
			if ok != tt.want || (ok && got != accounts[1]) {
				t.Fatalf("FindAccount(%q) = %+v, %v", tt.id, got, ok)
			}
		})
	}
}
