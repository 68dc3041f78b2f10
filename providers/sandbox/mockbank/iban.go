package mockbank

import (
	"fmt"
	"hash/fnv"
	"strings"
)

// gbIBAN builds a UK IBAN, GBkk + 4-letter bank code + 6-digit sort code + 8-digit account
// number, with correct ISO 13616 (mod 97) check digits.
func gbIBAN(bankCode, sortCode, number string) string {
	return withCheckDigits("GB", bankCode+sortCode+number)
}

// deIBAN builds a German IBAN, DEkk + 8-digit bank code (Bankleitzahl) + 10-digit account
// number, with correct ISO 13616 (mod 97) check digits.
func deIBAN(blz, number string) string {
	return withCheckDigits("DE", blz+fmt.Sprintf("%010s", number))
}

// withCheckDigits is the IBAN of a country and a BBAN: the country, the two mod-97 check
// digits, the BBAN.
func withCheckDigits(country, bban string) string {
	check := 98 - ibanMod97(bban+country+"00")
	return fmt.Sprintf("%s%02d%s", country, check, bban)
}

// germanBankCode makes an 8-digit bank code from a provider id, the same for the same id; its
// first digit is 1 to 8, as every Bankleitzahl's.
func germanBankCode(providerID string) string {
	sum := fnv.New32a()
	sum.Write([]byte(providerID))
	v := sum.Sum32()
	return fmt.Sprintf("%d%07d", 1+v%8, (v/8)%10_000_000)
}

// IBANDetails are an account's IBAN, its BBAN (the IBAN without the country code and the check
// digits) and the bank's BIC.
type IBANDetails struct {
	IBAN, BBAN, BIC string
}

// IBANIn returns a valid IBAN of the account at the bank with the provider id, in the country
// (ISO 3166, upper case), built from the account's own number: every account of a user has its
// own, whatever the user's flavour. DE gives a German IBAN (a bank code derived from the
// provider id, the number as the account number); any other country a UK one (as the iban
// flavour's: bank code, sort code, number).
func (a Account) IBANIn(country, bankID string) IBANDetails {
	code := ibanBankCode(bankID)
	var iban, bic string
	switch country {
	case "DE":
		iban, bic = deIBAN(germanBankCode(bankID), a.Number), code+"DEFFXXX"
	default:
		iban, bic = gbIBAN(code, strings.ReplaceAll(SortCode, "-", ""), a.Number), code+"GB2L"
	}
	return IBANDetails{IBAN: iban, BBAN: iban[4:], BIC: bic}
}

// ibanMod97 is the remainder mod 97 of s with letters replaced by 10..35.
func ibanMod97(s string) int {
	r := 0
	for _, c := range strings.ToUpper(s) {
		switch {
		case c >= '0' && c <= '9':
			r = (r*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			r = (r*100 + int(c-'A') + 10) % 97
		}
	}
	return r
}

// ibanBankCode makes a 4-letter bank code from a provider id: "mock" → MOCK, "ob-monzo" → MONZ.
func ibanBankCode(providerID string) string {
	name := providerID
	if i := strings.LastIndex(name, "-"); i >= 0 {
		name = name[i+1:]
	}
	var b strings.Builder
	for _, c := range strings.ToUpper(name) {
		if c >= 'A' && c <= 'Z' && b.Len() < 4 {
			b.WriteRune(c)
		}
	}
	for b.Len() < 4 {
		b.WriteByte('X')
	}
	return b.String()
}
