package ui

import (
	"errors"
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/atotto/clipboard"
)

// copier puts text on the system clipboard.
type copier func(text string) error

// errNoClipboardTool says the system clipboard has no tool to reach it with.
var errNoClipboardTool = errors.New("no xclip, xsel or wl-copy installed")

// systemCopy puts text on the system clipboard with atotto/clipboard: pbcopy, xclip, xsel,
// wl-copy or Windows' own. Its errors never carry the text.
func systemCopy(text string) error {
	if clipboard.Unsupported {
		return errNoClipboardTool
	}
	if err := clipboard.WriteAll(text); err != nil {
		return fmt.Errorf("system clipboard: %w", err)
	}
	return nil
}

// clip is how the UI copies: the system clipboard, and OSC 52 through the terminal where the
// terminal may take it.
type clip struct {
	copy  copier
	osc52 osc52Support
}

// systemClip is the clip of this process: the system clipboard and what TERM and TMUX say
// about OSC 52.
func systemClip() clip {
	return clip{copy: systemCopy, osc52: osc52For(os.Getenv("TERM"), os.Getenv("TMUX"))}
}

// osc52Support is what linkstep can tell about OSC 52 from the environment: a terminal does
// not answer whether it took a clipboard write.
type osc52Support int

const (
	osc52Likely osc52Support = iota // most terminal emulators take it
	osc52Tmux                       // tmux passes it on only with set-clipboard on
	osc52None                       // the Linux console, a dumb terminal: nothing to send it to
)

// String names the support, for test failures.
func (s osc52Support) String() string {
	switch s {
	case osc52Likely:
		return "likely"
	case osc52Tmux:
		return "tmux"
	case osc52None:
		return "none"
	default:
		return fmt.Sprintf("osc52(%d)", int(s))
	}
}

// osc52For tells OSC 52 support from TERM and TMUX.
func osc52For(term, tmux string) osc52Support {
	switch {
	case term == "" || term == "dumb" || term == "linux":
		return osc52None
	case tmux != "":
		return osc52Tmux
	default:
		return osc52Likely
	}
}

// copiedMsg says where a copy went: the system clipboard (err nil) or not, and what OSC 52
// could do. It never holds what was copied.
type copiedMsg struct {
	system error
	osc52  osc52Support
}

// copyText puts text on the system clipboard and, where the terminal may take it, sends it
// with OSC 52 too, then says where it went.
func copyText(c clip, text string) tea.Cmd {
	system := func() tea.Msg { return copiedMsg{system: c.copy(text), osc52: c.osc52} }
	if c.osc52 == osc52None {
		return system
	}
	return tea.Sequence(tea.SetClipboard(text), system)
}

// copiedText says where a copy went, in words for the status of the screen.
func copiedText(m copiedMsg) string {
	switch {
	case m.system == nil && m.osc52 == osc52None:
		return "copied to the system clipboard"
	case m.system == nil:
		return "copied to the system clipboard (and sent to the terminal with OSC 52)"
	case m.osc52 == osc52Likely:
		return "sent to the terminal's clipboard with OSC 52 (" + m.system.Error() + "); if pasting gives nothing, copy the full link below"
	case m.osc52 == osc52Tmux:
		return "sent with OSC 52, which tmux passes on only with set-clipboard on (" + m.system.Error() + "): the full link is below"
	default:
		return "no clipboard here (" + m.system.Error() + ", and this terminal takes no OSC 52): the full link is below"
	}
}
