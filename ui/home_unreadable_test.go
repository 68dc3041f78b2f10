package ui

import (
	"strings"
	"testing"

	"github.com/linkstep/linkstep/flows"
)

// TestHomeSaysTheConnectionsCannotBeRead: a listing that failed says so in the header too,
// never "no connection stored".
func TestHomeSaysTheConnectionsCannotBeRead(t *testing.T) {
	mgr := newHomeManager()
	mgr.listErrs = []error{errListing}
	h := launchHome(t, homeSetup{manager: mgr})
	h.waitText("cannot be read")
	if seen := ansiStripped(h); strings.Contains(seen, "no connection stored") {
		t.Errorf("the header says nothing is stored while the list cannot be read:\n%s", seen)
	}
	h.final()
}

func TestStorageTextNeverCallsUnreadableTokensGone(t *testing.T) {
	tests := []struct {
		tokens flows.TokensState
		want   string
	}{
		{flows.TokensFound, "in file x"},
		{flows.TokensGone, "gone from file x"},
		{flows.TokensUnreadable, "cannot read file x"},
		{flows.TokensElsewhere, "in file x, not the storage in use"},
	}
	for _, tt := range tests {
		t.Run(tt.tokens.String(), func(t *testing.T) {
			s := flows.ConnectionSummary{TokensFound: tt.tokens == flows.TokensFound, Tokens: tt.tokens}
			s.Storage = "file x"
			if got := storageText(s); got != tt.want {
				t.Errorf("storageText = %q, want %q", got, tt.want)
			}
		})
	}
}
