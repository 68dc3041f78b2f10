package mockbank

import (
	"regexp"
	"testing"
)

// validIBAN checks an IBAN's form for its country and its mod-97 check digits.
func validIBAN(iban string) bool {
	forms := map[string]*regexp.Regexp{
		"GB": regexp.MustCompile(`^GB[0-9]{2}[A-Z]{4}[0-9]{14}$`),
		"DE": regexp.MustCompile(`^DE[0-9]{20}$`),
	}
	if len(iban) < 4 || forms[iban[:2]] == nil || !forms[iban[:2]].MatchString(iban) {
		return false
	}
	return ibanMod97(iban[4:]+iban[:4]) == 1
}

func TestIBANIn(t *testing.T) {
	tests := []struct {
		name, username, password, country, bankID string
		wantBIC                                   *regexp.Regexp
	}{
		{"German, doe flavour", "john", "doe", "DE", "mock", regexp.MustCompile(`^MOCKDEFFXXX$`)},
		{"German, another bank", "john5", "iban5", "DE", "ob-monzo", regexp.MustCompile(`^MONZDEFFXXX$`)},
		{"UK", "john", "doe", "GB", "mock", regexp.MustCompile(`^MOCKGB2L$`)},
		{"any other market: UK", "john2", "doe2", "FR", "mock", regexp.MustCompile(`^MOCKGB2L$`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, ok := Lookup(tt.username, tt.password)
			if !ok {
				t.Fatal("no such user")
			}
			seen := map[string]bool{}
			for _, a := range u.AccountsAt(tt.bankID) {
				d := a.IBANIn(tt.country, tt.bankID)
				if !validIBAN(d.IBAN) || d.BBAN != d.IBAN[4:] || !tt.wantBIC.MatchString(d.BIC) || seen[d.IBAN] {
					t.Errorf("account %s: %+v is invalid or repeats", a.ID, d)
				}
				if again := a.IBANIn(tt.country, tt.bankID); again != d {
					t.Errorf("IBANIn is not deterministic: %+v, then %+v", d, again)
				}
				seen[d.IBAN] = true
			}
		})
	}
	// The known example: a German IBAN from a known bank code and account number.
	if got := deIBAN("37040044", "532013000"); got != "DE89370400440532013000" {
		t.Errorf("deIBAN = %s, want DE89370400440532013000", got)
	}
	for _, id := range []string{"mock", "ob-monzo", "x", ""} {
		if blz := germanBankCode(id); !regexp.MustCompile(`^[1-8][0-9]{7}$`).MatchString(blz) {
			t.Errorf("germanBankCode(%q) = %s", id, blz)
		}
	}
}
