package transcript

import (
	"regexp"
	"strings"
	"sync"
)

// jwtPattern matches a compact JWS/JWT: a base64url JSON header, a payload and a (maybe empty) signature.
var jwtPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*`)
})

// keyedPattern matches key=value (after a boundary) and "key": "value" for the secret keys;
// group 1 or group 2 is the value.
var keyedPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(
		`(?i)(?:(?:^|[?&;,\s"'(])(?:` + secretKeyNames + `)=([^&\s"'#;,<>)]+))` +
			`|(?:"(?:` + secretKeyNames + `)"\s*:\s*"((?:[^"\\]|\\.)+)")`)
})

// maskJWTs replaces every JWT-looking string in s by its mask.
func maskJWTs(s string) string {
	if !strings.Contains(s, "eyJ") {
		return s
	}
	return jwtPattern().ReplaceAllStringFunc(s, Mask)
}

// maskKeyedValues masks the values of secret keys written as key=value or "key": "value".
func maskKeyedValues(s string) string {
	idx := keyedPattern().FindAllStringSubmatchIndex(s, -1)
	if idx == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range idx {
		for g := 1; g <= 2; g++ {
			start, end := m[2*g], m[2*g+1]
			if start < 0 || strings.HasPrefix(s[start:end], maskDots) {
				continue
			}
			b.WriteString(s[last:start])
			b.WriteString(Mask(s[start:end]))
			last = end
		}
	}
	b.WriteString(s[last:])
	return b.String()
}
