package transcript

import "unicode/utf8"

const (
	// maskDots is what every masked value starts with.
	maskDots = "••••"
	// maskRevealFrom is the length from which a masked value keeps its last four characters.
	maskRevealFrom = 16
)

// Mask hides v: "••••" plus its last 4 characters when v has 16 or more, "••••" otherwise.
func Mask(v string) string {
	if utf8.RuneCountInString(v) < maskRevealFrom {
		return maskDots
	}
	cut := len(v)
	for range 4 {
		_, size := utf8.DecodeLastRuneInString(v[:cut])
		cut -= size
	}
	return maskDots + v[cut:]
}
