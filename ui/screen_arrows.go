package ui

// Which screens keep ↑/↓ for themselves: to move a selection (the lists, the forms) or to scroll
// a view of their own that keeps a focused row in sight. The body scrolls every other screen
// with them when it is taller than the window.

func (s choiceScreen[R]) usesArrows() bool   { return true }
func (s connectionsScreen) usesArrows() bool { return true }
func (s signInAsScreen) usesArrows() bool    { return true }
func (s homeScreen) usesArrows() bool        { return true }
func (s connectionScreen) usesArrows() bool  { return true }
func (s identityScreen) usesArrows() bool    { return true }
func (s returningScreen) usesArrows() bool   { return true }
func (s scopesScreen) usesArrows() bool      { return true }
func (s userScreen) usesArrows() bool        { return true }
func (s reconfirmScreen) usesArrows() bool   { return true }
func (s signInScreen) usesArrows() bool      { return true }
func (s issuerScreen) usesArrows() bool      { return true }
func (s identifyScreen) usesArrows() bool    { return true }

// focusLines is the focused row of the form, in the lines of the view.
func (s identifyScreen) focusLines() (first, last int, ok bool) {
	_, first, last = s.form.lines(s.c.styles)
	head := headLines(s.c.width, s.intro())
	return head + first, head + last, true
}
