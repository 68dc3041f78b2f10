package ui

import (
	"fmt"
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

// BenchmarkPicker measures the account picker at 100, 1,000 and 10,000 accounts: building it,
// one keypress to the next row with its frame, and one filter keystroke with its frame.
func BenchmarkPicker(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		accounts := flows.ChooseAccount{Accounts: testAccounts(n)}
		b.Run(fmt.Sprintf("build/%d", n), func(b *testing.B) {
			for b.Loop() {
				_ = newAccountsScreen(benchCommon(), accounts).view()
			}
		})
		b.Run(fmt.Sprintf("keypress/%d", n), func(b *testing.B) {
			var s screen = newAccountsScreen(benchCommon(), accounts)
			for b.Loop() {
				s, _ = s.update(down)
				_ = s.view()
			}
		})
		b.Run(fmt.Sprintf("filter/%d", n), func(b *testing.B) {
			base, _ := screen(newAccountsScreen(benchCommon(), accounts)).update(char('/'))
			for b.Loop() {
				s, _ := base.update(char('7'))
				_ = s.view()
			}
		})
	}
}
