package ui

import (
	"fmt"

	"charm.land/lipgloss/v2"
)

// The smallest terminal the screens are laid out for.
const (
	minWidth  = 60
	minHeight = 16
)

// tooSmall says what the terminal measures and what linkstep needs, in place of a broken
// layout; the screens underneath are kept as they are and come back on resize.
func tooSmall(s Styles, width, height int) string {
	msg := s.Title.Render("Terminal too small") + "\n" +
		s.Muted.Render(fmt.Sprintf("it is %d×%d; linkstep needs at least %d×%d", width, height, minWidth, minHeight)) + "\n" +
		s.Muted.Render("make the window larger to continue")
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, msg)
}
