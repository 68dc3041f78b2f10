package ui

// usesArrows reports whether ↑/↓ belong to the active screen.
func (a journeyArea) usesArrows() bool { return screenUsesArrows(a.top()) }

// focusLines is where the active screen's focus is, when it says.
func (a journeyArea) focusLines() (first, last int, ok bool) { return screenFocus(a.top()) }

// usesArrows reports whether ↑/↓ belong to the screen on top.
func (a homeArea) usesArrows() bool { return screenUsesArrows(a.top()) }

// focusLines is where the focus of the screen on top is, when it says.
func (a homeArea) focusLines() (first, last int, ok bool) { return screenFocus(a.top()) }

// screenUsesArrows reports whether s moves a selection or a scroller of its own with ↑/↓.
func screenUsesArrows(s screen) bool {
	u, ok := s.(arrowUser)
	return ok && u.usesArrows()
}

// screenFocus is the lines of s's view that hold its focus, when s says.
func screenFocus(s screen) (first, last int, ok bool) {
	if f, is := s.(focuser); is {
		return f.focusLines()
	}
	return 0, 0, false
}
