package ui

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode"

	"github.com/linkstep/linkstep/flows"
)

// masker hides personal data on screen in presenter mode (linkstep --presenter), for demos in
// public: names, addresses, birth dates, emails, phones and account identifiers. Off, it passes
// everything through. Screens hand it what they show; nothing else masks personal data.
type masker struct{ on bool }

// piiKind is the kind of personal data a value is, which says how it is masked.
type piiKind int

const (
	piiNone     piiKind = iota
	piiWords            // a name or an address: "J••• D••"
	piiDate             // a birth date: "••••-••-••"
	piiEmail            // "j•••@e•••.com"
	piiPhone            // "•••• 123"
	piiNumber           // an account number: "•••• 5678"
	piiSortCode         // "••-••-56"
	piiIBAN             // "GB•• •••• 3019"
	piiContact          // "email max@example.com": a kind, then an email, a phone or an id
)

// fieldKinds are the labels of the fields journeys show that hold personal data.
var fieldKinds = map[string]piiKind{
	"name": piiWords, "full name": piiWords, "reconfirmed by": piiWords, "address": piiWords,
	"date of birth": piiDate, "email": piiEmail, "phone": piiPhone,
	"account number": piiNumber, "sort code": piiSortCode, "iban": piiIBAN,
	"external user": piiContact,
}

// claimKinds are the OpenID claims that hold personal data.
var claimKinds = map[string]piiKind{
	"name": piiWords, "given_name": piiWords, "family_name": piiWords, "middle_name": piiWords,
	"nickname": piiWords, "preferred_username": piiWords, "address": piiWords,
	"street_address": piiWords, "locality": piiWords, "region": piiWords, "postal_code": piiWords,
	"formatted": piiWords, "birthdate": piiDate, "email": piiEmail, "phone_number": piiPhone,
}

// field masks the value of the field with the label, when the label names personal data.
func (m masker) field(label, value string) string {
	return m.kind(fieldKinds[strings.ToLower(strings.TrimSpace(label))], value)
}

// fields masks each field's value by its label.
func (m masker) fields(in []field) []field {
	if !m.on {
		return in
	}
	out := make([]field, len(in))
	for i, f := range in {
		out[i] = field{f.label, m.field(f.label, f.value)}
	}
	return out
}

// account masks an account's sort code and IBAN (its number is always shown masked).
func (m masker) account(a flows.Account) flows.Account {
	if m.on {
		a.SortCode, a.IBAN = m.kind(piiSortCode, a.SortCode), m.kind(piiIBAN, a.IBAN)
	}
	return a
}

// contact masks an identifier of a person: an email, a phone, or anything else as words.
func (m masker) contact(v string) string { return m.kind(piiContact, v) }

// claims masks the personal claims of an ID token's claims; what does not parse is hidden.
func (m masker) claims(raw json.RawMessage) json.RawMessage {
	if !m.on || len(bytes.TrimSpace(raw)) == 0 {
		return raw
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return json.RawMessage(`"hidden in presenter mode"`)
	}
	out, err := json.Marshal(m.claimValue(piiNone, v))
	if err != nil {
		return json.RawMessage(`"hidden in presenter mode"`)
	}
	return out
}

// claimValue masks v, a claim of kind, and the claims inside it.
func (m masker) claimValue(kind piiKind, v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			inner := wireKind(k)
			if inner == piiNone {
				inner = kind // the parts of an address are personal too
			}
			out[k] = m.claimValue(inner, x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = m.claimValue(kind, x)
		}
		return out
	case string:
		return m.kind(kind, v)
	}
	return v
}

// kind masks v as personal data of kind k, when the masker is on.
func (m masker) kind(k piiKind, v string) string {
	if !m.on || strings.TrimSpace(v) == "" {
		return v
	}
	switch k {
	case piiWords:
		return maskWords(v)
	case piiDate:
		return maskDigits(v, 0)
	case piiEmail:
		return maskEmail(v)
	case piiPhone:
		return "•••• " + lastDigits(v, 3)
	case piiNumber:
		return maskNumber(v)
	case piiSortCode:
		return maskDigits(formatSortCode(v), 2)
	case piiIBAN:
		return maskIBAN(v)
	case piiContact:
		return maskContact(v)
	}
	return v
}

// maskWords keeps the first letter of each word and hides the rest, digits included: "Mr John
// Doe" is "M• J••• D••", "10 Mockingbird Lane" is "•• M•••••••••• L•••".
func maskWords(s string) string {
	var b strings.Builder
	first := true
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) && first:
			b.WriteRune(r)
			first = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune('•')
			first = false
		default:
			b.WriteRune(r)
			first = true
		}
	}
	return b.String()
}

// maskDigits hides every digit but the last keep: maskDigits("04-00-04", 2) is "••-••-04".
func maskDigits(s string, keep int) string {
	total := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			total++
		}
	}
	var b strings.Builder
	seen := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			seen++
			if seen <= total-keep {
				r = '•'
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// lastDigits is the last n digits of s.
func lastDigits(s string, n int) string {
	var digits []rune
	for _, r := range s {
		if unicode.IsDigit(r) {
			digits = append(digits, r)
		}
	}
	return string(digits[max(0, len(digits)-n):])
}

// maskEmail keeps the first letter of the name and of the domain, and the top-level domain:
// "janet.davidson@example.com" is "j•••@e•••.com".
func maskEmail(s string) string {
	s = strings.TrimSpace(s)
	local, domain, ok := strings.Cut(s, "@")
	if !ok {
		return maskWords(s)
	}
	head := func(x string) string {
		for _, r := range x {
			return string(r) + "•••"
		}
		return "•••"
	}
	tld := ""
	if i := strings.LastIndex(domain, "."); i > 0 {
		tld = domain[i:]
	}
	return head(local) + "@" + head(domain) + tld
}

// maskIBAN keeps the country and the last four characters: "GB•• •••• 3019".
func maskIBAN(s string) string {
	compact := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if len(compact) < 8 {
		return "••••"
	}
	return compact[:2] + "•• •••• " + compact[len(compact)-4:]
}

// maskContact masks "email max@example.com", "phone +49…" or a bare identifier by what it
// looks like.
func maskContact(s string) string {
	kind, value, ok := strings.Cut(strings.TrimSpace(s), " ")
	if !ok {
		kind, value = "", s
	} else {
		kind += " "
	}
	switch {
	case strings.Contains(value, "@"):
		return kind + maskEmail(value)
	case lastDigits(value, 3) != "" && strings.Trim(value, "+0123456789 -()") == "":
		return kind + "•••• " + lastDigits(value, 3)
	default:
		return kind + maskWords(value)
	}
}
