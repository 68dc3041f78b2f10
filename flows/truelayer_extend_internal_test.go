package flows

import (
	"slices"
	"testing"

	"github.com/linkstep/linkstep/keychain"
)

func TestSharedByScopes(t *testing.T) {
	tests := []struct {
		name   string
		scopes []string
		want   []string
	}{
		{"Signup+", signupPlusScopes(), []string{
			"Your full name, date of birth and address, as your bank holds them",
			"Your accounts: names, numbers, sort codes and IBANs",
			"Your balances",
		}},
		{"balance and transactions", []string{"accounts", "balance", "transactions"}, []string{
			"Your accounts: names, numbers, sort codes and IBANs",
			"Your balances and transactions",
		}},
		{"transactions alone", []string{"transactions", "offline_access"}, []string{"Your transactions"}},
		{"every data scope", []string{"info", "accounts", "balance", "cards", "transactions", "direct_debits", "standing_orders"}, []string{
			"Your full name, date of birth and address, as your bank holds them",
			"Your accounts: names, numbers, sort codes and IBANs",
			"Your balances and transactions",
			"Your cards",
			"Your direct debits",
			"Your standing orders",
		}},
		{"no data", []string{"offline_access", "signupplus"}, []string{"No data: its scopes (offline_access signupplus) grant only the connection itself"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sharedByScopes(tt.scopes); !slices.Equal(got, tt.want) {
				t.Errorf("sharedByScopes(%q) = %q, want %q", tt.scopes, got, tt.want)
			}
		})
	}
}

func TestGrantedScopes(t *testing.T) {
	tests := []struct {
		name   string
		stored storedTrueLayer
		want   []string
	}{
		{"the token's scope first", storedTrueLayer{tokens: keychain.TokenSet{Scope: "info accounts"}, conn: keychain.Connection{Scopes: []string{"transactions"}}}, []string{"info", "accounts"}},
		{"else the index's", storedTrueLayer{conn: keychain.Connection{Scopes: []string{"transactions"}}}, []string{"transactions"}},
		{"else Signup+'s", storedTrueLayer{}, signupPlusScopes()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.stored.grantedScopes(); !slices.Equal(got, tt.want) {
				t.Errorf("grantedScopes = %q, want %q", got, tt.want)
			}
		})
	}
}
