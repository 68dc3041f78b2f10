package mockbank

import (
	"fmt"
	"strings"
)

// gbIBAN builds a UK IBAN, GBkk + 4-letter bank code + 6-digit sort code + 8-digit account
// number, with correct ISO 13616 (mod 97) check digits.
func gbIBAN(bankCode, sortCode, number string) string {
	bban := bankCode + sortCode + number
	check := 98 - ibanMod97(bban+"GB00")
	return fmt.Sprintf("GB%02d%s", check, bban)
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
