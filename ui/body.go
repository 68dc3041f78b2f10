package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// arrowUser is a screen or an area whose ↑/↓ move a selection or a scroller of its own: the
// body then leaves them to it and scrolls with the page keys only.
type arrowUser interface {
	usesArrows() bool
}

// focuser is a screen or an area that knows which lines of its view hold what has focus (a
// form's row, a highlighted item): the body keeps them in sight as the focus moves.
type focuser interface {
	focusLines() (first, last int, ok bool)
}

// body fits the active area's view into the room between the header and the footer. A view
// that fits is shown as it is; a taller one keeps its page head (title and introduction) and
// scrolls the rest, with a line under it that says what is out of sight, so nothing is ever cut
// silently. The body keeps only where it is scrolled to, and for which screen: the view is drawn
// afresh each time.
type body struct {
	keys   KeyMap
	offset int    // the first line in sight under the page head
	screen string // the title of the screen scrolled; another one starts at the top
}

func newBody(keys KeyMap) body { return body{keys: keys} }

// maxHead is the most lines the body keeps in sight as a page head: a title and a few lines of
// introduction.
const maxHead = 6

// headOf is the number of lines of content's page head: down to the first blank line, which
// ends it; 0 for content that has none near the top.
func headOf(content string) int {
	for i, l := range strings.SplitN(content, "\n", maxHead+1) {
		if i == maxHead {
			break
		}
		if strings.TrimSpace(ansi.Strip(l)) == "" {
			return i + 1
		}
	}
	return 0
}

// split cuts content into its page head, n lines, and what scrolls under it.
func split(content string, n int) (head, rest string) {
	if n == 0 {
		return "", content
	}
	lines := strings.SplitN(content, "\n", n+1)
	if len(lines) <= n {
		return content, ""
	}
	return strings.Join(lines[:n], "\n"), lines[n]
}

// scroller is a scroller over what scrolls of content in width×height, scrolled to where the
// body is, and whether content needs one at all.
func (b body) scroller(content string, width, height int) (scroller, bool) {
	if lineCount(content) <= height {
		return scroller{}, false
	}
	_, rest := split(content, headOf(content))
	s := newScroller(b.keys).resize(width, height-headOf(content)-scrollHintLines).setContent(rest)
	s.vp.SetYOffset(b.offset)
	return s, true
}

// view is content fitted to width×height: as it is when it fits, else its page head, the lines
// in sight under it and the scroll hint.
func (b body) view(content string, width, height int) string {
	s, scrolls := b.scroller(content, width, height)
	if !scrolls {
		return fit(content, width, height)
	}
	n := headOf(content)
	head, _ := split(content, n)
	view := fit(s.view(), width, height-n-scrollHintLines) + "\n" + padLeft(b.pageKey(s)+" "+s.hint(), width)
	if n == 0 {
		return view
	}
	return fit(head, width, n) + "\n" + view
}

// pageKey names the key that shows more: page down while something is below, else page up.
func (b body) pageKey(s scroller) string {
	if s.vp.AtBottom() {
		return b.keys.PageUp.Help().Key
	}
	return "pgdn"
}

// follow starts at the top when the screen titled title is not the one scrolled.
func (b body) follow(title string) body {
	if title != b.screen {
		b.screen, b.offset = title, 0
	}
	return b
}

// wants reports whether k is one of the body's keys: the page keys always (but space only
// where it is neither text nor a tick), ↑/↓ unless they belong to the screen.
func (b body) wants(k tea.KeyPressMsg, arrows, typing bool) bool {
	if key.Matches(k, b.keys.PageUp, b.keys.PageDown) {
		return k.Text == "" || !arrows && !typing
	}
	return key.Matches(k, b.keys.Up, b.keys.Down) && !arrows && !typing
}

// scroll scrolls on k, one of the body's keys, when content overflows; it reports whether
// it moved, so that a key with nowhere to go (page down at the end) is the screen's.
func (b body) scroll(k tea.KeyPressMsg, content string, width, height int) (body, bool) {
	s, scrolls := b.scroller(content, width, height)
	if !scrolls {
		return b, false
	}
	s, _ = s.update(k)
	moved := s.vp.YOffset() != b.offset
	b.offset = s.vp.YOffset()
	return b, moved
}

// show scrolls as little as needed for the lines first to last of content to be in sight.
func (b body) show(content string, width, height, first, last int) body {
	s, scrolls := b.scroller(content, width, height)
	if !scrolls {
		return b
	}
	n := headOf(content)
	s = s.show(max(0, first-n), max(0, last-n))
	b.offset = s.vp.YOffset()
	return b
}

// lineCount is the number of lines s takes: none when it is empty.
func lineCount(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(s, "\n") + 1
}
