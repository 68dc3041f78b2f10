package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

func benchCommon() common {
	c := common{styles: NewStyles(true), keys: DefaultKeyMap(), now: testNow}
	c.width, c.height = 98, 24
	return c
}

// BenchmarkAccountsView draws the account list of 100 accounts.
func BenchmarkAccountsView(b *testing.B) {
	s := newAccountsScreen(benchCommon(), flows.ChooseAccount{Accounts: testAccounts(100)})
	for b.Loop() {
		_ = s.view()
	}
}

// BenchmarkAccountsFilter types a filter into the list of 100 accounts, one key at a time.
func BenchmarkAccountsFilter(b *testing.B) {
	base := newAccountsScreen(benchCommon(), flows.ChooseAccount{Accounts: testAccounts(100)})
	keys := []tea.KeyPressMsg{char('/'), char('0'), char('4'), char('2')}
	for b.Loop() {
		var s screen = base
		for _, k := range keys {
			s, _ = s.update(k)
		}
		_ = s.view()
	}
}
