package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
)

// footer is the chrome under the body: the status line, then the keys.
type footer struct {
	width int
	help  help.Model
}

func newFooter(c common) footer {
	f := footer{help: help.New()}
	f.help.Styles = c.styles.Help
	return f
}

// resize gives the footer the width and styles of c.
func (f footer) resize(c common) footer {
	f.width = c.width
	f.help.SetWidth(c.width)
	f.help.Styles = c.styles.Help
	return f
}

// height is the number of lines view draws with keys.
func (f footer) height(keys help.KeyMap) int {
	return 1 + lipgloss.Height(f.help.View(keys))
}

// view draws the status line the active area has to say, and keys.
func (f footer) view(ch chrome, keys help.KeyMap) string {
	return spread(ch.status, ch.counter, f.width) + "\n" + f.keysView(keys)
}

// keysView is the help for keys, each line cut to the width: the help cuts its short list
// itself only while its ellipsis fits, and then lets the line run past the edge. A short list
// too wide loses the area's last keys first, so that the global ones ("? more keys") stay.
func (f footer) keysView(keys help.KeyMap) string {
	if fk, ok := keys.(footerKeys); ok && !f.help.ShowAll {
		keys = f.fitted(fk)
	}
	lines := strings.Split(f.help.View(keys), "\n")
	for i, l := range lines {
		lines[i] = truncate(l, f.width)
	}
	return strings.Join(lines, "\n")
}

// fitted is k as the short list fits the width: without the quit key first (the help lists
// it), then without as many of the area's last keys as it takes, or all of them.
func (f footer) fitted(k footerKeys) footerKeys {
	whole := f.help
	whole.SetWidth(0) // no limit: measure the list as it would run
	fits := func(k footerKeys) bool { return lipgloss.Width(whole.ShortHelpView(k.ShortHelp())) <= f.width }
	if fits(k) {
		return k
	}
	for k.lean = true; k.drop < len(k.area.ShortHelp()) && !fits(k); k.drop++ {
	}
	return k
}

// allKeys reports whether the footer shows every key rather than the short list.
func (f footer) allKeys() bool { return f.help.ShowAll }

// toggleKeys switches between the short list of keys and all of them.
func (f footer) toggleKeys() footer {
	f.help.ShowAll = !f.help.ShowAll
	return f
}

// quitKeys is the help.KeyMap of the footer while the quit confirmation is shown.
type quitKeys struct{ yes, no key.Binding }

// ShortHelp is the two answers.
func (k quitKeys) ShortHelp() []key.Binding { return []key.Binding{k.yes, k.no} }

// FullHelp is the two answers.
func (k quitKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// footerKeys is the help.KeyMap of the footer: the active area's keys, the quit key, then the
// other global ones (more keys, dismiss).
type footerKeys struct {
	area   help.KeyMap
	quit   []key.Binding
	global []key.Binding
	lean   bool // the short list leaves out the quit key, for the global ones to fit
	drop   int  // the short list leaves out the area's last keys, for the global ones to fit
}

// ShortHelp is the area's short help but the last drop keys, the quit key unless lean, then
// the global keys.
func (k footerKeys) ShortHelp() []key.Binding {
	area := k.area.ShortHelp()
	keys := slices.Clone(area[:len(area)-min(k.drop, len(area))])
	if !k.lean {
		keys = append(keys, k.quit...)
	}
	return append(keys, k.global...)
}

// FullHelp is the area's full help, then a column of global keys.
func (k footerKeys) FullHelp() [][]key.Binding {
	return append(k.area.FullHelp(), slices.Concat(k.quit, k.global))
}
