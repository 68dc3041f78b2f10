package mockbank

import (
	"regexp"
	"testing"
)

// accountIDForm is the documented form of an account id.
var accountIDForm = regexp.MustCompile(`^acc-[0-9a-f]{17}$`)

func TestLookupMockUser(t *testing.T) {
	tests := []struct {
		username, password string
		wantOK             bool
		wantFlavour        Flavour
		wantAccounts       int
		wantLastName       string
	}{
		{"john", "doe", true, FlavourDoe, 3, "Doe"},
		{"john1", "doe1", true, FlavourDoe, 1, "Doe"},
		{"john100", "doe100", true, FlavourDoe, 100, "Doe"},
		{"john", "iban", true, FlavourIBAN, 3, "Doe"},
		{"john42", "iban42", true, FlavourIBAN, 42, "Doe"},
		{"john", "eternal", true, FlavourEternal, 1, "Eternal"},
		{"error.account_permanently_locked", "error", true, FlavourError, 1, "Error"},
		{"error.wrong_credentials", "error", true, FlavourError, 1, "Error"},
		{"john101", "doe101", false, 0, 0, ""},
		{"john0", "doe0", false, 0, 0, ""},
		{"john01", "doe01", false, 0, 0, ""},
		{"john1", "doe", false, 0, 0, ""},
		{"john", "doe1", false, 0, 0, ""},
		{"john2", "iban3", false, 0, 0, ""},
		{"john1", "eternal", false, 0, 0, ""},
		{"JOHN", "doe", false, 0, 0, ""},
		{"jane", "doe", false, 0, 0, ""},
		{"error.nope", "error", false, 0, 0, ""},
		{"error.internal_error", "doe", false, 0, 0, ""},
		{"", "", false, 0, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.username+"/"+tt.password, func(t *testing.T) {
			u, ok := Lookup(tt.username, tt.password)
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tt.wantOK)
			}
			if !ok {
				return
			}
			if u.Flavour != tt.wantFlavour || u.Accounts != tt.wantAccounts || u.Person.LastName != tt.wantLastName ||
				(u.Failure != FailureNone) != (tt.wantFlavour == FlavourError) {
				t.Fatalf("got %+v", u)
			}
		})
	}
}

func TestMockAccountsAreDistinct(t *testing.T) {
	u, _ := Lookup("john100", "iban100")
	ids, numbers := map[string]bool{}, map[string]bool{}
	for _, a := range u.AccountsAt("mock") {
		if ids[a.ID] || numbers[a.Number] || len(a.Number) != 8 || !accountIDForm.MatchString(a.ID) || !validGBIBAN(a.IBAN) {
			t.Fatalf("account %+v repeats or is malformed", a)
		}
		ids[a.ID], numbers[a.Number] = true, true
	}
	doe, _ := Lookup("john100", "doe100")
	if doe.AccountsAt("mock")[0].ID == u.AccountsAt("mock")[0].ID {
		t.Error("doe and iban flavours share account ids")
	}
}

func TestIBANBankCode(t *testing.T) {
	tests := map[string]string{"mock": "MOCK", "ob-monzo": "MONZ", "ob-hsbc": "HSBC", "x": "XXXX", "ob-rbs": "RBSX"}
	for id, want := range tests {
		t.Run(id, func(t *testing.T) {
			if got := ibanBankCode(id); got != want {
				t.Errorf("ibanBankCode(%q) = %q, want %q", id, got, want)
			}
			if iban := gbIBAN(ibanBankCode(id), "012131", "10000000"); !validGBIBAN(iban) {
				t.Errorf("IBAN %s is not valid", iban)
			}
		})
	}
}

func TestFlavourString(t *testing.T) {
	for f, want := range map[Flavour]string{FlavourDoe: "doe", FlavourIBAN: "iban", FlavourEternal: "eternal",
		FlavourError: "error", Flavour(9): "flavour(9)"} {
		if f.String() != want {
			t.Errorf("%d.String() = %q, want %q", int(f), f.String(), want)
		}
	}
}

// validGBIBAN checks a UK IBAN's form and its mod-97 check digits.
func validGBIBAN(iban string) bool {
	if !regexp.MustCompile(`^GB[0-9]{2}[A-Z]{4}[0-9]{14}$`).MatchString(iban) {
		return false
	}
	rearranged := iban[4:] + iban[:4]
	r := 0
	for _, c := range rearranged {
		if c >= 'A' && c <= 'Z' {
			r = (r*100 + int(c-'A') + 10) % 97
		} else {
			r = (r*10 + int(c-'0')) % 97
		}
	}
	return r == 1
}
