package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/list"
)

// rowFilter ranks a choice screen's rows against the typed filter. The rows' filter values
// are lowercased once, when the screen is built, so a keystroke costs one pass over them; only
// the rows that could match fuzzily are handed to the (much slower) fuzzy matcher.
type rowFilter struct {
	lower []string // each row's FilterValue, lowercased
	fold  []string // lower with every rune that folds to an ASCII letter spelled as that letter
}

// newRowFilter lowercases targets once.
func newRowFilter(targets []string) rowFilter {
	f := rowFilter{lower: make([]string, len(targets)), fold: make([]string, len(targets))}
	for i, t := range targets {
		f.lower[i] = lower(t)
		f.fold[i] = asciiFold(f.lower[i])
	}
	return f
}

// filterValues are the rows' FilterValues.
func filterValues(items []list.Item) []string {
	targets := make([]string, len(items))
	for i, it := range items {
		targets[i] = it.FilterValue()
	}
	return targets
}

// asciiFold spells the lowercase runes that case-fold to an ASCII letter (only ſ, the long s,
// once lowercased) as that letter, so a byte-wise search finds every row the fuzzy matcher
// would.
func asciiFold(lower string) string {
	if !strings.ContainsRune(lower, 'ſ') {
		return lower
	}
	return strings.ReplaceAll(lower, "ſ", "s")
}

// rank ranks the rows that contain the typed text as it is (ignoring case) first, in their own
// order, then the fuzzy matches in the fuzzy matcher's order: typing "77" finds "ACCOUNT 77"
// before "•••• 7273". targets are the rows' filter values, as the bubbles list passes them.
func (f rowFilter) rank(term string, targets []string) []list.Rank {
	if len(f.lower) != len(targets) { // not the rows this filter was built for
		f = newRowFilter(targets)
	}
	needle := strings.ToLower(term)
	if needle == "" {
		return list.DefaultFilter(term, targets)
	}
	asciiNeedle := isASCII(needle)
	var ranks []list.Rank
	var candidates []int // rows the fuzzy matcher may match
	for i, t := range f.lower {
		if at := strings.Index(t, needle); at >= 0 {
			matched := make([]int, len(needle))
			for j := range matched {
				matched[j] = at + j
			}
			ranks = append(ranks, list.Rank{Index: i, MatchedIndexes: matched})
			continue
		}
		if !asciiNeedle || isSubsequence(f.fold[i], needle) {
			candidates = append(candidates, i)
		}
	}
	if len(candidates) == 0 {
		return ranks
	}
	sub := make([]string, len(candidates))
	for j, i := range candidates {
		sub[j] = targets[i]
	}
	for _, r := range list.DefaultFilter(term, sub) {
		ranks = append(ranks, list.Rank{Index: candidates[r.Index], MatchedIndexes: r.MatchedIndexes})
	}
	return ranks
}

// substringFirst ranks targets against term as a choice screen's filter does.
func substringFirst(term string, targets []string) []list.Rank {
	return newRowFilter(targets).rank(term, targets)
}

// lower is strings.ToLower, which lowers rune by rune through strings.Map as soon as s holds
// one non-ASCII rune (every masked account number does: "•••• 4415"); this lowers ASCII bytes
// directly and only the other runes through unicode.ToLower.
func lower(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(unicode.ToLower(r))
		i += size
	}
	return b.String()
}

// isSubsequence reports whether every byte of needle appears in s, in order.
func isSubsequence(s, needle string) bool {
	j := 0
	for i := 0; i < len(s) && j < len(needle); i++ {
		if s[i] == needle[j] {
			j++
		}
	}
	return j == len(needle)
}

// isASCII reports whether s is ASCII only.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
