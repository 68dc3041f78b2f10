package transcript

import (
	"net/url"
	"strings"
	"sync"
)

// minSubstringSecret is the shortest registered value that is also masked inside longer
// text; shorter values are masked only where a whole field equals them, so that a short
// value cannot blank out every word that happens to contain it.
const minSubstringSecret = 8

// maxMaskPasses bounds the passes that mask registered values in one text.
const maxMaskPasses = 64

// secretKeyNames are the parameter, form-field and JSON-key names whose values are always
// masked (compared case-insensitively), as a regexp alternation.
const secretKeyNames = `client_secret|client_assertion|code|code_verifier|refresh_token|access_token|id_token|password|assertion|api_key`

// isSecretKey reports whether values named k are always masked; it lists secretKeyNames.
func isSecretKey(k string) bool {
	if k == "" || len(k) > len("client_assertion") {
		return false
	}
	switch strings.ToLower(k) {
	case "client_secret", "client_assertion", "code", "code_verifier", "refresh_token",
		"access_token", "id_token", "password", "assertion", "api_key":
		return true
	}
	return false
}

// Redactor masks secrets in URLs, headers and bodies; the zero value and nil are usable.
type Redactor struct {
	mu     sync.RWMutex
	values []string
}

// NewRedactor returns a Redactor that also masks the given values wherever they appear.
func NewRedactor(secretValues ...string) *Redactor {
	r := &Redactor{}
	for _, v := range secretValues {
		r.AddValue(v)
	}
	return r
}

// AddValue registers one more value to mask wherever it appears; it is safe for concurrent use.
func (r *Redactor) AddValue(v string) {
	if r == nil || v == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, have := range r.values {
		if have == v {
			return
		}
	}
	r.values = append(r.values, v)
}

// snapshot returns the registered values at this moment.
func (r *Redactor) snapshot() []string {
	if r == nil {
		return nil
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.values[:len(r.values):len(r.values)]
}

// isValue reports whether s is exactly one of the registered values.
func (r *Redactor) isValue(s string) bool {
	for _, v := range r.snapshot() {
		if s == v {
			return true
		}
	}
	return false
}

// Text masks, in free text, the registered values (also in their URL-encoded form),
// JWT-looking strings, and the values of secret keys written as key=value or "key": "value".
func (r *Redactor) Text(s string) string {
	if s == "" {
		return s
	}
	if r.isValue(s) {
		return Mask(s)
	}
	s = r.maskValues(s)
	s = maskJWTs(s)
	if strings.ContainsAny(s, "=\"") {
		s = maskKeyedValues(s)
	}
	return s
}

// maskValues masks every registered value (and its URL-encoded form) in s until none is left:
// a mask keeps a value's last characters, which with the text after it can spell the value
// again ("0000…" runs). A pass replaces at least minSubstringSecret bytes by a mask that
// keeps four runes, so a few passes do; the bound guards against values spelled by masks.
func (r *Redactor) maskValues(s string) string {
	values := r.snapshot()
	for changed, pass := true, 0; changed && pass < maxMaskPasses; pass++ {
		changed = false
		for _, v := range values {
			if len(v) < minSubstringSecret {
				continue
			}
			for _, form := range []string{v, url.QueryEscape(v)} {
				if strings.Contains(s, form) {
					s = strings.ReplaceAll(s, form, Mask(v))
					changed = true
				}
			}
		}
	}
	return s
}
