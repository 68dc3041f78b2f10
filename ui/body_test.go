package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestBodyWants(t *testing.T) {
	pgup := tea.KeyPressMsg{Code: tea.KeyPgUp}
	tests := []struct {
		name          string
		key           tea.KeyPressMsg
		arrows, typed bool
		want          bool
	}{
		{name: "page down always", key: pgdown, arrows: true, typed: true, want: true},
		{name: "page up always", key: pgup, arrows: true, typed: true, want: true},
		{name: "space pages a page of text", key: space, want: true},
		{name: "space is text in an input", key: space, typed: true},
		{name: "space ticks on a form", key: space, arrows: true},
		{name: "down scrolls a page of text", key: down, want: true},
		{name: "down moves a selection", key: down, arrows: true},
		{name: "down moves between fields", key: down, typed: true},
		{name: "enter is the screen's", key: enter},
	}
	b := newBody(DefaultKeyMap())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := b.wants(tt.key, tt.arrows, tt.typed); got != tt.want {
				t.Errorf("wants = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBodyView(t *testing.T) {
	lines := []string{"Title", "Intro", ""}
	for i := 1; i <= 20; i++ {
		lines = append(lines, fmt.Sprintf("line %d", i))
	}
	content := strings.Join(lines, "\n")
	b := newBody(DefaultKeyMap())
	t.Run("a view that fits is shown as it is", func(t *testing.T) {
		if got := b.view("Title\nIntro\n\nline 1", 40, 10); got != fit("Title\nIntro\n\nline 1", 40, 10) {
			t.Errorf("view = %q", got)
		}
	})
	t.Run("a taller one keeps its head and says what is below", func(t *testing.T) {
		got := strings.Split(b.view(content, 40, 10), "\n")
		want := []string{"Title", "Intro", "", "line 1", "line 6"}
		if len(got) != 10 || got[0] != want[0] || got[1] != want[1] || got[3] != want[3] || got[8] != want[4] {
			t.Errorf("view = %q", got)
		}
		if hint := strings.TrimSpace(got[9]); hint != "pgdn ↓ 14 more lines · 0%" {
			t.Errorf("hint = %q", hint)
		}
	})
	t.Run("paging to the end shows the last line", func(t *testing.T) {
		b := b
		for range 5 {
			b, _ = b.scroll(pgdown, content, 40, 10)
		}
		got := strings.Split(b.view(content, 40, 10), "\n")
		if got[0] != "Title" || got[8] != "line 20" || strings.TrimSpace(got[9]) != "pgup ↑ 14 more above · end" {
			t.Errorf("view = %q", got)
		}
	})
	t.Run("another screen starts at the top", func(t *testing.T) {
		b := b.follow("one")
		b, _ = b.scroll(pgdown, content, 40, 10)
		if b.follow("one").offset == 0 || b.follow("two").offset != 0 {
			t.Errorf("offsets %d and %d, want kept for the same screen, 0 for another", b.follow("one").offset, b.follow("two").offset)
		}
	})
}
