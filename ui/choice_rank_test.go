package ui

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/bubbles/v2/list"
)

func TestLowerIsStringsToLower(t *testing.T) {
	for _, s := range []string{"", "abc", "TRANSACTION ACCOUNT 77 •••• 4415", "ÀÉÎ Ω ΣΑΣ", "K ſ İ", "bad \xff utf8 \xc3", "£1,234.56"} {
		if got, want := lower(s), strings.ToLower(s); got != want {
			t.Errorf("lower(%q) = %q, want %q", s, got, want)
		}
	}
}

// plainSubstringFirst is the filter without its shortcuts: every row lowercased on every
// keystroke and every row handed to the fuzzy matcher.
func plainSubstringFirst(term string, targets []string) []list.Rank {
	needle := strings.ToLower(term)
	var ranks []list.Rank
	exact := make(map[int]bool)
	for i, t := range targets {
		if at := strings.Index(strings.ToLower(t), needle); at >= 0 && needle != "" {
			matched := make([]int, 0, len(needle))
			for j := range len(needle) {
				matched = append(matched, at+j)
			}
			ranks = append(ranks, list.Rank{Index: i, MatchedIndexes: matched})
			exact[i] = true
		}
	}
	for _, r := range list.DefaultFilter(term, targets) {
		if !exact[r.Index] {
			ranks = append(ranks, r)
		}
	}
	return ranks
}

// TestRowFilterRanksAsThePlainFilter checks that lowercasing once and handing the fuzzy
// matcher only the rows that could match changes no result: same rows, same order, same
// matched characters.
func TestRowFilterRanksAsThePlainFilter(t *testing.T) {
	var targets []string
	for _, a := range testAccounts(300) {
		targets = append(targets, newAccountRow(a, columnsFor(nil)).FilterValue())
	}
	targets = append(targets, "Kelvin \u212A ſavings", "ÉPARGNE Ω", "with\x00nul 77", "")
	terms := []string{"7", "77", "ACCOUNT 77", "acc 7", "tx", "savings", "SAV", "gbp", "zzz", "k", "s", "ép", "ω", " ", "4 1", "•", "1 5"}
	f := newRowFilter(targets)
	for _, term := range terms {
		t.Run(term, func(t *testing.T) {
			got, want := f.rank(term, targets), plainSubstringFirst(term, targets)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("rank(%q):\n got %v\nwant %v", term, got, want)
			}
		})
	}
}

func TestSubsequence(t *testing.T) {
	tests := []struct {
		s, needle string
		want      bool
	}{
		{"account 77", "a77", true},
		{"account 77", "777", false},
		{"abc", "", true},
		{"", "a", false},
	}
	for _, tt := range tests {
		if got := isSubsequence(tt.s, tt.needle); got != tt.want {
			t.Errorf("isSubsequence(%q, %q) = %v, want %v", tt.s, tt.needle, got, tt.want)
		}
	}
}
