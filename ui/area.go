package ui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// area is one part of the UI that fills the body between the header and the footer: the
// journey area (the picker and a journey's screens), the HTTP inspector pane and the
// connections home. The root gives it the body's size, routes messages to it and draws it in
// its chrome; an area never reaches into the root or into another area, and asks for anything
// with a message.
type area interface {
	help.KeyMap // the area's keys, shown in the footer before the global ones
	// init is the command the area starts with.
	init() tea.Cmd
	update(msg tea.Msg) (area, tea.Cmd)
	view() string
	// resize gives the area the body's size, or new styles.
	resize(c common) area
	// title names what the area shows, for the window title.
	title() string
	// typing reports whether a text input has focus: q and ? are then text, not commands.
	typing() bool
	// chrome is what the area has to say in the header and in the status line.
	chrome() chrome
	// stop ends whatever the area runs in the background, as the program quits.
	stop() area
	// running reports whether the area runs a journey (a prompt pending or work in flight):
	// quitting then asks first.
	running() bool
}

// chrome is what an area shows in the root's chrome, drawn with the styles it was given.
type chrome struct {
	provider string // in the header after the brand; "" for none
	where    string // the header's second line: "step 3 of 5 · Sign in at the bank"
	status   string // the status line's left side: the latest news
	counter  string // the status line's right side: "12 HTTP exchanges"
}
