package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/providers/transcript"
)

func TestMaskNumber(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"eight digits", "12345678", "•••• 5678"},
		{"spaces trimmed", " 12345678 ", "•••• 5678"},
		{"four digits only", "5678", "••••"},
		{"empty", "", "—"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := maskNumber(tt.in); got != tt.want {
				t.Errorf("maskNumber(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFormatSortCode(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"six digits", "040004", "04-00-04"},
		{"already dashed", "04-00-04", "04-00-04"},
		{"not a sort code", "ABCDEF", "ABCDEF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatSortCode(tt.in); got != tt.want {
				t.Errorf("formatSortCode(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRedactRedirect(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"full URL", "http://127.0.0.1:1/callback?code=s3cr3t&state=abc", "http://127.0.0.1:1/callback?code=••••&state=abc"},
		{"code last", "http://127.0.0.1:1/callback?state=abc&code=s3cr3t", "http://127.0.0.1:1/callback?state=abc&code=••••"},
		{"fragment", "http://x/cb#code=s3cr3t&id_token=ey.J.x&state=abc", "http://x/cb#code=••••&id_token=••••&state=abc"},
		{"query only", "code=s3cr3t&state=abc", "code=••••&state=abc"},
		{"upper case", "?CODE=s3cr3t", "?CODE=••••"},
		{"bare code", "s3cr3t", "a bare code of 6 characters (hidden)"},
		{"one character", "s", "a bare code of 1 character (hidden)"},
		{"not a code", "ht!tp://s3cr3t%%", "16 characters without parameters (hidden)"},
		{"error redirect", "http://x/cb?error=access_denied&state=abc", "http://x/cb?error=access_denied&state=abc"},
		{"empty", "  ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := redactRedirect(tt.in)
			if got != tt.want {
				t.Errorf("redactRedirect(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if strings.Contains(got, "s3cr3t") {
				t.Errorf("redactRedirect(%q) shows the code", tt.in)
			}
		})
	}
}

func TestBrowserCommand(t *testing.T) {
	const u = "https://example.test/?a=1&b=2"
	tests := []struct {
		goos, name string
		args       []string
	}{
		{"linux", "xdg-open", []string{u}},
		{"freebsd", "xdg-open", []string{u}},
		{"darwin", "open", []string{u}},
		{"windows", "rundll32", []string{"url.dll,FileProtocolHandler", u}},
	}
	for _, tt := range tests {
		t.Run(tt.goos, func(t *testing.T) {
			name, args := browserCommand(tt.goos, u)
			if name != tt.name || !slices.Equal(args, tt.args) {
				t.Errorf("browserCommand(%s) = %s %v, want %s %v", tt.goos, name, args, tt.name, tt.args)
			}
		})
	}
}

func TestAppendBounded(t *testing.T) {
	var s []transcript.Entry
	for i := range 10 {
		s = appendBounded(s, transcript.Entry{URL: fmt.Sprint(i)}, 4)
	}
	var urls []string
	for _, e := range s {
		urls = append(urls, e.URL)
	}
	if want := []string{"6", "7", "8", "9"}; !slices.Equal(urls, want) {
		t.Errorf("kept %v, want %v", urls, want)
	}
}

func TestMailbox(t *testing.T) {
	t.Run("keeps order and never blocks", func(t *testing.T) {
		b := newMailbox()
		for i := range 10000 {
			b.post(i)
		}
		for i := range 10000 {
			if got := b.next(t.Context()); got != i {
				t.Fatalf("message %d is %v", i, got)
			}
		}
	})
	t.Run("next returns nil once ctx is done", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if got := newMailbox().next(ctx); got != nil {
			t.Errorf("next = %v, want nil", got)
		}
	})
}

func TestAsker(t *testing.T) {
	t.Run("answer comes back", func(t *testing.T) {
		b := newMailbox()
		a := &asker{run: 1, box: b}
		go func() {
			msg := b.next(t.Context()).(askMsg)
			msg.reply <- reply{answer: flows.BankChoice{ID: "mock"}}
		}()
		ans, err := a.Ask(t.Context(), flows.ChooseBank{})
		if err != nil || ans != (flows.BankChoice{ID: "mock"}) {
			t.Errorf("Ask = (%v, %v), want the bank", ans, err)
		}
	})
	t.Run("withdrawn when ctx ends", func(t *testing.T) {
		b := newMailbox()
		a := &asker{run: 7, box: b}
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error, 1)
		go func() {
			_, err := a.Ask(ctx, flows.OpenAuthLink{})
			done <- err
		}()
		ask := b.next(t.Context()).(askMsg)
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Ask error = %v, want context.Canceled", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("Ask did not return when its ctx ended")
		}
		if got := b.next(t.Context()); got != (withdrawnMsg{run: 7, id: ask.id}) {
			t.Errorf("after the ask came %#v, want it withdrawn", got)
		}
		ask.reply <- reply{answer: flows.Retry{}} // a late answer does not block
	})
	t.Run("tell never blocks", func(t *testing.T) {
		a := &asker{run: 1, box: newMailbox()}
		for range 10000 {
			a.Tell(flows.Progress{Message: "tick"})
		}
	})
}

// TestStaleRunIgnored checks that messages of a stopped run change nothing.
func TestStaleRunIgnored(t *testing.T) {
	infos, build := built((&script{}).journey())
	m := New(t.Context(), Config{Journeys: infos, Journey: build, Now: testNow})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m = next.(Model)
	reply := make(chan reply, 1)
	next, _ = m.Update(askMsg{run: 42, id: 1, prompt: flows.ChooseBank{Banks: testBanks()}, ctx: t.Context(), reply: reply})
	if k := top(next.(Model)).kind(); k != kindPicker {
		t.Errorf("a stale ask showed the %s screen", k)
	}
}

func TestSubstringFirst(t *testing.T) {
	targets := []string{"TRANSACTION ACCOUNT 75 •••• 7273", "TRANSACTION ACCOUNT 77 •••• 4415", "SAVINGS 7 •••• 0007", "TRANSACTION ACCOUNT 177 •••• 1234"}
	tests := []struct {
		term string
		want []int // indexes in rank order
	}{
		{term: "77", want: []int{1, 3, 0, 2}},      // "77" as typed first, in list order; then fuzzy
		{term: "savings", want: []int{2}},          // case does not matter
		{term: "ACCOUNT 77", want: []int{1, 0, 3}}, // only one row has it as typed

		{term: "zzz", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.term, func(t *testing.T) {
			var got []int
			for _, r := range substringFirst(tt.term, targets) {
				got = append(got, r.Index)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("substringFirst(%q) ranks %v, want %v", tt.term, got, tt.want)
			}
		})
	}
}

// TestAccountColumnsShowWhatTheAccountsHave: a column none of the accounts fills (Ivy gives no
// type; EUR accounts have no sort code; past sessions no currency) is left out, heading included.
func TestAccountColumnsShowWhatTheAccountsHave(t *testing.T) {
	uk := flows.Account{ID: "a", DisplayName: "Current", Type: "CURRENT", Currency: "GBP", Number: "12345678", SortCode: "040004", Balance: "1.00 GBP"}
	bare := flows.Account{ID: "b", DisplayName: "Savings", Number: "DE33401225010041273019"}
	tests := []struct {
		name     string
		accounts []flows.Account
		heading  []string
		absent   []string
	}{
		{"every column", []flows.Account{uk, bare}, []string{"Account", "Type", "Cur", "Number", "Sort code", "Balance"}, nil},
		{"only what is there", []flows.Account{bare}, []string{"Account", "Number"}, []string{"Type", "Cur", "Sort code", "Balance"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cols := columnsFor(tt.accounts)
			h := cols.heading()
			for _, w := range tt.heading {
				if !strings.Contains(h, w) {
					t.Errorf("heading %q lacks %q", h, w)
				}
			}
			for _, w := range tt.absent {
				if strings.Contains(h, w) {
					t.Errorf("heading %q has %q, which no account fills", h, w)
				}
			}
			name, rest := newAccountRow(bare, cols).cells()
			if got := len(strings.Fields(name + " " + rest)); got < 2 || !strings.Contains(rest, "3019") {
				t.Errorf("row = %q %q", name, rest)
			}
		})
	}
}

func TestTooSmallWrapsToTheWindow(t *testing.T) {
	tests := []struct {
		width, height int
		want          []string // in this order, each whole on a line or across lines
	}{
		{40, 10, []string{"Terminal too small", "it is 40×10; linkstep needs at least 60×16", "make the window larger to continue"}},
		{20, 5, []string{"Terminal too small", "it is 20×5; linkstep needs at least 60×16", "make the window larger to continue"}},
		{59, 3, []string{"Terminal too small", "it is 59×3; linkstep needs at least 60×16"}},
		{12, 2, []string{"needs at least 60×16"}},
		{8, 1, []string{"60×16"}},
		{5, 1, []string{"60×16"}},
		{3, 1, []string{"60×"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d×%d", tt.width, tt.height), func(t *testing.T) {
			out := ansi.Strip(tooSmall(NewStyles(true), tt.width, tt.height))
			lines := strings.Split(out, "\n")
			if len(lines) != tt.height {
				t.Errorf("%d lines, want %d:\n%s", len(lines), tt.height, out)
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > tt.width {
					t.Errorf("line %q is %d wide, more than %d", l, w, tt.width)
				}
			}
			flat := strings.Join(strings.Fields(out), " ")
			if want := strings.Join(tt.want, " "); !strings.Contains(flat, want) {
				t.Errorf("reads %q, want %q", flat, want)
			}
		})
	}
}

// TestCountsAgreeWithTheirNumber: a count of one is in the singular, its verb too.
func TestCountsAgreeWithTheirNumber(t *testing.T) {
	st := NewStyles(true)
	card := func(differing ...string) string {
		id := &flows.IdentityCard{}
		for _, label := range []string{"Name", "Date of birth", "Address"} {
			id.Verified = append(id.Verified, flows.Field{Label: label, Value: "v"})
			id.Comparisons = append(id.Comparisons, flows.Comparison{Label: label, Verified: "v", Claimed: "c", Differs: slices.Contains(differing, label)})
		}
		return strings.Join(strings.Fields(ansi.Strip(cardClaims(st, masker{}, 200, id))), " ")
	}
	tests := []struct{ name, got, want string }{
		{"one account linked", accountsAre(1), "1 account is"},
		{"accounts linked", accountsAre(3), "3 accounts are"},
		{"one claim differs", card("Name"), "✗ 1 of 3 claims the user typed differs from what the bank verified: Name"},
		{"claims differ", card("Name", "Address"), "✗ 2 of 3 claims the user typed differ from what the bank verified: Name, Address"},
		{"one bank", newBankScreen(testCommon(), flows.ChooseBank{Banks: testBanks()[:1]}).view(), "1 bank can share"},
		{"one exchange saved", inspectorArea{}.onHARSaved(harSavedMsg{count: 1, path: "/tmp/x.har"}).note.text, "1 exchange, redacted, saved to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(tt.got, tt.want) {
				t.Errorf("reads %q, want %q", tt.got, tt.want)
			}
		})
	}
}
