package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// The smallest terminal the screens are laid out for.
const (
	minWidth  = 60
	minHeight = 16
)

// tooSmall says what the terminal measures and what linkstep needs, in place of a broken
// layout; the screens underneath are kept as they are and come back on resize. Each sentence is
// wrapped to the width, words whole; when they do not all fit, the needed size is the last to go.
func tooSmall(s Styles, width, height int) string {
	needed := fmt.Sprintf("%d×%d", minWidth, minHeight)
	title := s.Title.Render("Terminal too small")
	need := s.Muted.Render(fmt.Sprintf("it is %d×%d; linkstep needs at least %s", width, height, needed))
	hint := s.Muted.Render("make the window larger to continue")
	// From the whole message down to the needed size alone, the first that fits.
	candidates := [][]string{
		{title, need, hint},
		{title, need},
		{need},
		{s.Muted.Render("needs at least " + needed)},
		{s.Muted.Render("needs " + needed)},
		{s.Muted.Render(needed)},
	}
	lines := wrapLines(candidates[len(candidates)-1], width, ansi.Wrap) // cut words: the last resort
	for _, c := range candidates {
		if whole := wrapLines(c, width, ansi.Wordwrap); len(whole) <= height && fitsWidth(whole, width) {
			lines = whole
			break
		}
	}
	if len(lines) > height {
		lines = lines[:height] // as much as fits
	}
	msg := lipgloss.JoinVertical(lipgloss.Center, lines...)
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, msg)
}

// wrapLines wraps each paragraph to width with wrap (ansi.Wordwrap keeps words whole, ansi.Wrap
// cuts those longer than width) and returns the lines.
func wrapLines(paragraphs []string, width int, wrap func(string, int, string) string) []string {
	var lines []string
	for _, p := range paragraphs {
		lines = append(lines, strings.Split(wrap(p, max(1, width), " "), "\n")...)
	}
	return lines
}

// fitsWidth reports whether every line is at most width cells wide.
func fitsWidth(lines []string, width int) bool {
	for _, l := range lines {
		if ansi.StringWidth(l) > width {
			return false
		}
	}
	return true
}
