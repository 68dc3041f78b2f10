package flows

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/flows/oauthlink"
	"github.com/linkstep/linkstep/providers/oneid"
)

func TestCheckScopes(t *testing.T) {
	p := ChooseScopes{Scopes: identityScopes(true), Products: oneid.Products(), Product: oneid.ProductIDAssure}
	tests := []struct {
		name    string
		chosen  ScopesChosen
		want    []string
		wantErr string
	}{
		{name: "openid is always asked", chosen: ScopesChosen{Scopes: []string{"profile"}, Product: oneid.ProductAgeCheck}, want: []string{"openid", "profile", "product:age_check"}},
		{name: "balances with accounts", chosen: ScopesChosen{Scopes: []string{"accounts", "accounts.balances"}, Product: oneid.ProductIDAssure}, want: []string{"openid", "accounts", "accounts.balances", "product:id_assure"}},
		{name: "balances without accounts", chosen: ScopesChosen{Scopes: []string{"accounts.balances"}, Product: oneid.ProductIDAssure}, wantErr: "accounts.balances needs accounts"},
		{name: "no product", chosen: ScopesChosen{Scopes: []string{"profile"}}, wantErr: "exactly one product"},
		{name: "unknown scope", chosen: ScopesChosen{Scopes: []string{"everything"}, Product: oneid.ProductIDAssure}, wantErr: `"everything" is not offered`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := checkScopes(p, tt.chosen)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("checkScopes = %v, %v; want %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Fatalf("checkScopes = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestExplainRedirectError(t *testing.T) {
	known := &oauthlink.Error{Code: "access_denied", Description: "the user went back (OneID.OIDC.Redirect.UserCancelled)", Retryable: true}
	got := explainRedirectError(known)
	if code, desc := Describe(got); code != "access_denied" || !strings.Contains(desc, "OneID.OIDC.Redirect.UserCancelled") || !strings.Contains(desc, "cancelled") {
		t.Fatalf("known value = %s: %s", code, desc)
	}
	unknown := &oauthlink.Error{Code: "server_error", Description: "x (OneID.Something.New)"}
	if got := explainRedirectError(unknown); !errors.Is(got, unknown) || got.Error() != unknown.Error() {
		t.Fatalf("an unknown value was changed: %v", got)
	}
}

func TestOneIDAccountsAreNamedAndKeepBalancesAsGiven(t *testing.T) {
	got := oneIDAccounts([]oneid.Account{
		{IBAN: "GB98MIDL07009312345678", Nickname: "Personal", Currency: "GBP", Balance: &oneid.Balance{Amount: "123.45", Currency: "GBP"}},
		{SortCode: "012345", AccountNumber: "01234567"},
		{},
	})
	want := []string{"GB98MIDL07009312345678", "012345-01234567", "account-3"}
	for i, w := range want {
		if got[i].ID != w {
			t.Errorf("account %d id = %q, want %q", i, got[i].ID, w)
		}
	}
	if got[0].Balance != "123.45 GBP" || got[1].Balance != "" {
		t.Errorf("balances = %q, %q", got[0].Balance, got[1].Balance)
	}
}
