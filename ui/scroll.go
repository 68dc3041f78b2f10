package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// scrollHintLines is the height of the line under a scroller: what is out of sight, and any
// note of the screen.
const scrollHintLines = 1

// scroller shows content taller than the room it has through a bubbles viewport, and says
// what is out of sight rather than cutting it silently. Its content is laid out to its width
// beforehand: it never wraps or cuts a line itself.
type scroller struct {
	vp viewport.Model
}

// newScroller returns a scroller that scrolls with keys' up, down and page keys.
func newScroller(keys KeyMap) scroller {
	vp := viewport.New()
	vp.KeyMap = viewport.KeyMap{Up: keys.Up, Down: keys.Down, PageUp: keys.PageUp, PageDown: keys.PageDown}
	vp.MouseWheelEnabled = false
	return scroller{vp: vp}
}

// resize gives the scroller its size: the lines of content it shows at once.
func (s scroller) resize(width, height int) scroller {
	s.vp.SetWidth(max(1, width))
	s.vp.SetHeight(max(1, height))
	s.vp.SetYOffset(s.vp.YOffset()) // back in range when it grew
	return s
}

// setContent replaces what is shown, keeping the scroll position where it still fits.
func (s scroller) setContent(content string) scroller {
	s.vp.SetContent(content)
	return s
}

// top scrolls back to the first line.
func (s scroller) top() scroller {
	s.vp.GotoTop()
	return s
}

// show scrolls as little as needed for the lines from first to last to be in sight, the
// first one when they do not all fit.
func (s scroller) show(first, last int) scroller {
	h, y := s.vp.Height(), s.vp.YOffset()
	switch {
	case first < y:
		s.vp.SetYOffset(first)
	case last >= y+h:
		s.vp.SetYOffset(min(first, last-h+1))
	}
	return s
}

// update scrolls on the scroll keys; it reports whether k was one.
func (s scroller) update(k tea.KeyPressMsg) (scroller, bool) {
	m := s.vp.KeyMap
	if !key.Matches(k, m.Up, m.Down, m.PageUp, m.PageDown) {
		return s, false
	}
	s.vp, _ = s.vp.Update(k)
	return s, true
}

// overflows reports whether some content is out of sight.
func (s scroller) overflows() bool { return s.vp.TotalLineCount() > s.vp.Height() }

// view is the lines in sight, as many lines as the scroller is high.
func (s scroller) view() string { return s.vp.View() }

// hint says what is out of sight, or "" when everything is: "↓ 12 more lines · 40%".
func (s scroller) hint() string {
	if !s.overflows() {
		return ""
	}
	total, y, h := s.vp.TotalLineCount(), s.vp.YOffset(), s.vp.Height()
	below := max(0, total-y-h)
	pct := fmt.Sprintf("%d%%", int(s.vp.ScrollPercent()*100+0.5))
	above := ""
	if y > 0 {
		above = fmt.Sprintf("↑ %d · ", y) // what is above is out of sight too
	}
	switch {
	case below == 0:
		return fmt.Sprintf("↑ %d more above · end", y)
	case below == 1:
		return above + "↓ 1 more line · " + pct
	default:
		return fmt.Sprintf("%s↓ %d more lines · %s", above, below, pct)
	}
}

// page scrolls a page on the page keys, but not on space: on a form space is text or a tick.
// It reports whether k was one.
func (s scroller) page(k tea.KeyPressMsg) (scroller, bool) {
	m := s.vp.KeyMap
	if k.Text != "" || !key.Matches(k, m.PageUp, m.PageDown) {
		return s, false
	}
	s.vp, _ = s.vp.Update(k)
	return s, true
}
