package ui

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/linkstep/linkstep/flows/oauthlink"
)

// maskNumber shows only the last four characters of an account number: "•••• 5678".
func maskNumber(n string) string {
	n = strings.TrimSpace(n)
	switch r := []rune(n); {
	case len(r) == 0:
		return "—"
	case len(r) <= 4:
		return "••••"
	default:
		return "•••• " + string(r[len(r)-4:])
	}
}

// formatSortCode writes a six-digit sort code as 12-34-56 and leaves anything else alone.
func formatSortCode(s string) string {
	s = strings.TrimSpace(s)
	if len(s) != 6 || strings.Trim(s, "0123456789") != "" {
		return s
	}
	return s[0:2] + "-" + s[2:4] + "-" + s[4:6]
}

// secretParam matches the parameters of a redirect whose values must never be shown.
var secretParam = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)((?:^|[?&#;])\s*(?:code|id_token|access_token|refresh_token)=)[^&#;]*`)
})

// redactRedirect shows what was pasted with the authorisation code (and any token) masked,
// so the user can check its shape without the code ever reaching the screen.
func redactRedirect(input string) string {
	s := strings.TrimSpace(input)
	switch {
	case s == "":
		return ""
	case !strings.Contains(s, "="):
		n := plural(utf8.RuneCountInString(s), "character")
		if r, err := oauthlink.ParseRedirect(s); err == nil && r.Bare {
			return "a bare code of " + n + " (hidden)"
		}
		return n + " without parameters (hidden)"
	default:
		return secretParam().ReplaceAllString(s, "${1}••••")
	}
}
