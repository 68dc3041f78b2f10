package ui

import (
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
// itself only while its ellipsis fits, and then lets the line run past the edge.
func (f footer) keysView(keys help.KeyMap) string {
	lines := strings.Split(f.help.View(keys), "\n")
	for i, l := range lines {
		lines[i] = truncate(l, f.width)
	}
	return strings.Join(lines, "\n")
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

// footerKeys is the help.KeyMap of the footer: the active area's keys, then the global ones.
type footerKeys struct {
	area   help.KeyMap
	global []key.Binding
}

// ShortHelp is the area's short help, then the global keys.
func (k footerKeys) ShortHelp() []key.Binding {
	return append(k.area.ShortHelp(), k.global...)
}

// FullHelp is the area's full help, then a column of global keys.
func (k footerKeys) FullHelp() [][]key.Binding {
	return append(k.area.FullHelp(), k.global)
}
