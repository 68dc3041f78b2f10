package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
)

// TestPaginatorFitsTheWidth checks the account list's pager: none for one page, one dot per
// page while the dots fit on the line, the page out of the pages when they do not, following
// the filter.
func TestPaginatorFitsTheWidth(t *testing.T) {
	st := benchCommon().styles.List
	dots := func(n int) string { // the first page's dot active
		return ansi.Strip(st.ActivePaginationDot.String()) + strings.Repeat(ansi.Strip(st.InactivePaginationDot.String()), n-1)
	}
	tests := []struct {
		name     string
		accounts int
		filter   string // typed after "/", then applied with enter
		pages    int
		want     func(pages int) string // the pager line
	}{
		{name: "one page: no pager", accounts: 5, pages: 1,
			want: func(int) string { return "Current Account 005  TRANSACTION  GBP  •••• 0005  04-00-04" }},
		{name: "a few pages: dots", accounts: 40, pages: 3,
			want: dots},
		{name: "more pages than cells: numeric", accounts: 10000, pages: 625,
			want: func(n int) string { return fmt.Sprintf("1/%d", n) }},
		{name: "a filter that left no row, cleared: the pages as before", accounts: 40, filter: "zzz\x1b", pages: 3,
			want: dots},
		{name: "a filter leaving a few pages: dots again", accounts: 10000, filter: "account 999", pages: 33,
			want: dots},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s screen = newAccountsScreen(benchCommon(), flows.ChooseAccount{Accounts: testAccounts(tt.accounts)})
			if tt.filter != "" {
				for _, r := range "/" + tt.filter {
					if r == '\x1b' {
						s, _ = s.update(tea.KeyPressMsg{Code: tea.KeyEscape})
						continue
					}
					s, _ = s.update(char(r))
				}
				s, _ = s.update(enter)
			}
			l := s.(accountsScreen).list
			if pages := l.Paginator.TotalPages; pages != tt.pages {
				t.Fatalf("%d pages, want %d", pages, tt.pages)
			}
			if fresh := newAccountsScreen(benchCommon(), flows.ChooseAccount{Accounts: testAccounts(tt.accounts)}).list.Paginator.PerPage; tt.pages > 1 && l.Paginator.PerPage != fresh {
				t.Errorf("%d rows a page, want %d as on a list never filtered", l.Paginator.PerPage, fresh)
			}
			lines := strings.Split(strings.TrimRight(ansi.Strip(s.view()), "\n "), "\n")
			if last, want := strings.TrimSpace(lines[len(lines)-1]), tt.want(tt.pages); last != want {
				t.Errorf("last line = %q, want %q", last, want)
			}
		})
	}
}
