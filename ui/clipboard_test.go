package ui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestOSC52For(t *testing.T) {
	tests := []struct {
		name, term, tmux string
		want             osc52Support
	}{
		{name: "a terminal emulator", term: "xterm-256color", want: osc52Likely},
		{name: "inside tmux", term: "tmux-256color", tmux: "/tmp/tmux-0/default,1,0", want: osc52Tmux},
		{name: "the Linux console", term: "linux", want: osc52None},
		{name: "a dumb terminal", term: "dumb", want: osc52None},
		{name: "no TERM", want: osc52None},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := osc52For(tt.term, tt.tmux); got != tt.want {
				t.Errorf("osc52For(%q, %q) = %s, want %s", tt.term, tt.tmux, got, tt.want)
			}
		})
	}
}

// fakeCopier is a system clipboard that keeps what it was given, or fails with err.
type fakeCopier struct {
	mu   sync.Mutex
	got  []string
	fail error
}

func (c *fakeCopier) copy(text string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.got = append(c.got, text)
	return c.fail
}

func (c *fakeCopier) copied() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.got...)
}

// TestCopyAuthLink presses c on the auth link with and without a system clipboard and OSC 52:
// the screen says where the link went, never shows it in the note, and shows it in full when
// no clipboard surely took it.
func TestCopyAuthLink(t *testing.T) {
	tests := []struct {
		name     string
		fail     error
		osc52    osc52Support
		note     string
		sentOSC  bool
		fullLink bool
	}{
		{name: "system clipboard and OSC 52", osc52: osc52Likely, sentOSC: true,
			note: "copied to the system clipboard (and sent to the terminal with OSC 52)"},
		{name: "system clipboard only", osc52: osc52None,
			note: "copied to the system clipboard"},
		{name: "OSC 52 only", fail: errNoClipboardTool, osc52: osc52Likely, sentOSC: true, fullLink: true,
			note: "sent to the terminal's clipboard with OSC 52 (no xclip, xsel or wl-copy installed)"},
		{name: "OSC 52 through tmux", fail: errNoClipboardTool, osc52: osc52Tmux, sentOSC: true, fullLink: true,
			note: "tmux passes on only with set-clipboard on"},
		{name: "neither", fail: errors.New("system clipboard: exit status 1"), osc52: osc52None, fullLink: true,
			note: "no clipboard here (system clipboard: exit status 1, and this terminal takes no OSC 52)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{}
			cp := &fakeCopier{fail: tt.fail}
			noBrowser := func(context.Context, string) error { return errors.New("no browser here") }
			h := launchCopying(t, fakeStorage{describe: "memory (test)"}, noBrowser, clip{copy: cp.copy, osc52: tt.osc52}, s.journey())
			h.waitTitle("Choose a journey")
			h.toAuthLink()
			h.press(char('c'))
			h.waitText("clipboard")
			m := h.final()
			url := s.authLink().URL
			if got := cp.copied(); len(got) != 1 || got[0] != url {
				t.Errorf("the system clipboard got %q, want the auth link once", got)
			}
			if sent := strings.Contains(h.output(), ansi.SetSystemClipboard(url)); sent != tt.sentOSC {
				t.Errorf("OSC 52 sent = %v, want %v", sent, tt.sentOSC)
			}
			text := strings.Join(strings.Fields(screenText(m)), " ")
			if !strings.Contains(text, tt.note) {
				t.Errorf("the screen lacks %q:\n%s", tt.note, screenText(m))
			}
			if full := strings.Contains(text, "The full link"); full != tt.fullLink {
				t.Errorf("full link shown = %v, want %v:\n%s", full, tt.fullLink, screenText(m))
			}
			note := top(m).(authLinkScreen).note
			if strings.Contains(note, "truelayer") || strings.Contains(note, "state=") {
				t.Errorf("the note holds the link: %q", note)
			}
		})
	}
}
