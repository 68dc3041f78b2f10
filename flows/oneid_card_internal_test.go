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
	p := ChooseScopes{Scopes: identityScopes(true, nil), Products: oneid.Products(), Product: oneid.ProductIDAssure}
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

// TestStandardScopes offers another provider what its discovery document lists (the standard
// claim scopes ticked, others unticked, openid first and once), or the standard claim scopes
// when it lists none; never OneID's own scopes such as date_of_birth.
func TestStandardScopes(t *testing.T) {
	names := func(scopes []Scope) (all, ticked []string) {
		for _, s := range scopes {
			all = append(all, s.Name)
			if s.Default {
				ticked = append(ticked, s.Name)
			}
		}
		return all, ticked
	}
	all, ticked := names(identityScopes(false, nil))
	if want := []string{"openid", "profile", "email", "address", "phone"}; !slices.Equal(all, want) || !slices.Equal(ticked, want) {
		t.Errorf("without scopes_supported: %v (ticked %v), want %v", all, ticked, want)
	}
	all, ticked = names(identityScopes(false, []string{"email", "openid", "offline_access", "profile", "product:id_assure", "email"}))
	if want := []string{"openid", "email", "offline_access", "profile", "product:id_assure"}; !slices.Equal(all, want) {
		t.Errorf("with scopes_supported: %v, want %v", all, want)
	}
	if want := []string{"openid", "email", "profile"}; !slices.Equal(ticked, want) {
		t.Errorf("ticked %v, want %v", ticked, want)
	}
	p := ChooseScopes{Scopes: identityScopes(false, []string{"openid", "profile", "product:id_assure"})}
	if got, err := checkScopes(p, ScopesChosen{Scopes: []string{"profile", "product:id_assure"}}); err != nil || !slices.Equal(got, []string{"openid", "profile", "product:id_assure"}) {
		t.Errorf("checkScopes = %v, %v", got, err)
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
