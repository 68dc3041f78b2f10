package sandbox

import "testing"

// TestEveryPageParses parses the pages that are otherwise parsed on their first use.
func TestEveryPageParses(t *testing.T) {
	parsePages().ParseAll()
}
