package ui

import (
	"time"

	"charm.land/bubbles/v2/spinner"
)

// common is what the root hands down to every area and screen: the body's size, the styles,
// the keys, the spinner, the clock and the presenter mode's masker.
type common struct {
	width, height int // the body's size, inside the margins
	side          int // the blank columns left of the body on a wide terminal, beyond the margin
	styles        Styles
	keys          KeyMap
	spinner       spinner.Spinner
	now           func() time.Time
	mask          masker // hides personal data in presenter mode
}
