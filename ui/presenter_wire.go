package ui

import (
	"bytes"
	"encoding/json"
	"mime"
	"regexp"
	"strings"
	"sync"
)

// wireKind is the kind of personal data a JSON member named k holds in what the providers send
// and receive: the OpenID claims, and TrueLayer's, OneID's and Ivy's own names (full_name,
// date_of_birth, externalUserEmail, holderName, ...), compared without case, '_' or '-'.
func wireKind(k string) piiKind {
	if kind := claimKinds[k]; kind != piiNone {
		return kind
	}
	n := strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(k))
	switch {
	case strings.Contains(n, "email"):
		return piiEmail
	case strings.Contains(n, "phone"), strings.Contains(n, "mobile"):
		return piiPhone
	case strings.Contains(n, "iban"):
		return piiIBAN
	case strings.Contains(n, "sortcode"):
		return piiSortCode
	case strings.Contains(n, "accountnumber"), n == "bban":
		return piiNumber
	case strings.Contains(n, "birth"), n == "dob":
		return piiDate
	case strings.Contains(n, "address"), strings.Contains(n, "holdername"), strings.HasSuffix(n, "fullname"),
		personalWords[n]:
		return piiWords
	}
	return piiNone
}

// personalWords are the member names, normalised, of names and address parts.
var personalWords = map[string]bool{
	"name": true, "firstname": true, "lastname": true, "givenname": true, "familyname": true,
	"middlename": true, "surname": true, "ownername": true, "accountholder": true, "street": true,
	"city": true, "town": true, "county": true, "postcode": true, "postalcode": true, "zip": true,
}

// body masks the personal members of a JSON body in presenter mode (at any depth; what sits
// under an address is masked whole); other bodies pass unchanged.
func (m masker) body(contentType, body string) string {
	media, _, _ := mime.ParseMediaType(contentType)
	if !m.on || (media != "application/json" && !strings.HasSuffix(media, "+json")) {
		return body
	}
	d := json.NewDecoder(strings.NewReader(body))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return body
	}
	out, err := json.Marshal(m.claimValue(piiNone, v))
	if err != nil {
		return body
	}
	var b bytes.Buffer
	if json.Indent(&b, out, "", "  ") != nil {
		return string(out)
	}
	return b.String()
}

// claim masks one claim's JSON value by its name, in presenter mode.
func (m masker) claim(name string, value json.RawMessage) json.RawMessage {
	if !m.on {
		return value
	}
	var v any
	if json.Unmarshal(value, &v) != nil {
		return value
	}
	out, err := json.Marshal(m.claimValue(wireKind(name), v))
	if err != nil {
		return value
	}
	return out
}

// newsEmail and newsPhone find emails and phone numbers in free text; compiled on first use,
// not at every start.
var (
	newsEmail = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^\s@]+@[^\s@]+\.[^\s@]+`) })
	newsPhone = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\+?\d[\d ()-]{6,}\d`) })
)

// news masks the emails and phone numbers in a journey's free-text news ("no completed data
// session for email jane@example.com"), in presenter mode.
func (m masker) news(s string) string {
	if !m.on {
		return s
	}
	s = newsEmail().ReplaceAllStringFunc(s, maskEmail)
	return newsPhone().ReplaceAllStringFunc(s, func(p string) string { return m.kind(piiPhone, p) })
}
