package ui

import "charm.land/bubbles/v2/key"

// KeyMap holds every key binding of the UI; screens pick the ones they show in the footer.
type KeyMap struct {
	// Global.
	Quit      key.Binding // q, only while no text input has focus
	ForceQuit key.Binding // ctrl+c, always
	Help      key.Binding
	Back      key.Binding
	Dismiss   key.Binding // dismiss the storage notice
	QuitYes   key.Binding // the quit confirmation: quit
	QuitNo    key.Binding // the quit confirmation: go on with the journey

	// The connections home.
	Home          key.Binding // to the home, from the picker or a journey's end
	NewConnection key.Binding // from the home to the journey picker
	View          key.Binding // the highlighted connection's accounts and balances
	RefreshToken  key.Binding
	Extend        key.Binding
	Reauth        key.Binding
	Forget        key.Binding
	Confirm       key.Binding // the forget confirmation
	ClockDay      key.Binding // the demo clock: one day on
	ClockMonth    key.Binding // the demo clock: thirty days on
	ClockReset    key.Binding // the demo clock: back to the real time
	Clock         key.Binding // help-only: the three clock keys

	// Lists.
	Up          key.Binding
	Down        key.Binding
	Page        key.Binding // help-only: the list pages with ←/→
	Filter      key.Binding
	ApplyFilter key.Binding
	CancelEdit  key.Binding // help-only: esc while editing a filter or an input
	ClearFilter key.Binding // help-only: esc while a filter is applied

	// Answers.
	Start   key.Binding // picker: start the highlighted journey
	Choose  key.Binding // bank, accounts: answer with the highlighted row
	Accept  key.Binding // consent
	Decline key.Binding // help-only: esc on the consent screen
	Retry   key.Binding
	New     key.Binding // result: back to the journeys
	Cancel  key.Binding // help-only: esc on the working screen cancels the journey

	// The auth link screen.
	Open   key.Binding
	Copy   key.Binding
	Paste  key.Binding
	SignIn key.Binding
	Submit key.Binding // the paste box and the sign-in form

	// Forms.
	NextField key.Binding
	PrevField key.Binding
	Toggle    key.Binding // the consent form: tick or untick the scope, choose the product

	// A choice row of a form (the market, the kind of identifier): one option of several.
	PrevOption key.Binding
	NextOption key.Binding
	Options    key.Binding // help-only: ←/→ choose on a choice row

	// Long content (the identity card).
	PageUp   key.Binding
	PageDown key.Binding
	Scroll   key.Binding // help-only: ↑/↓ and the page keys scroll
	Report   key.Binding // open the saved PDF report
	Claims   key.Binding // show the ID token's claims

	// The HTTP inspector pane.
	Inspector key.Binding // global: open the pane, or close it
	Focus     key.Binding // between the list of exchanges and the selected one
	Reveal    key.Binding // show the selected exchange's secrets, after a confirmation
	RevealYes key.Binding // the reveal confirmation: show them
	RevealNo  key.Binding // the reveal confirmation: keep them masked
	CopyCurl  key.Binding // the selected exchange as a curl command, secrets as variables
	SaveHAR   key.Binding // the run's exchanges, redacted, to a HAR file
}

// DefaultKeyMap returns linkstep's key bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more keys")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Dismiss:   key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "dismiss notice")),
		QuitYes:   key.NewBinding(key.WithKeys("y", "enter"), key.WithHelp("y/enter", "quit")),
		QuitNo:    key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "go on")),

		Home:          key.NewBinding(key.WithKeys("h"), key.WithHelp("h", "connections")),
		NewConnection: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new connection")),
		View:          key.NewBinding(key.WithKeys("enter", "v"), key.WithHelp("enter/v", "view")),
		RefreshToken:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh token")),
		Extend:        key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "extend")),
		Reauth:        key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "re-auth")),
		Forget:        key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "forget")),
		Confirm:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "forget it")),
		ClockDay:      key.NewBinding(key.WithKeys("+"), key.WithHelp("+", "clock +1 day")),
		ClockMonth:    key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "clock +30 days")),
		ClockReset:    key.NewBinding(key.WithKeys("0"), key.WithHelp("0", "real time")),
		Clock:         key.NewBinding(key.WithKeys("+", "]", "0"), key.WithHelp("+ ] 0", "age the clock")),

		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Page:        key.NewBinding(key.WithKeys("left", "right", "pgup", "pgdown"), key.WithHelp("←/→", "page")),
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		ApplyFilter: key.NewBinding(key.WithKeys("enter", "tab", "down", "up"), key.WithHelp("enter", "apply filter")),
		CancelEdit:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),

		Start:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start")),
		Choose:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Accept:  key.NewBinding(key.WithKeys("enter", "a"), key.WithHelp("enter/a", "accept")),
		Decline: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "decline")),
		Retry:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry")),
		New:     key.NewBinding(key.WithKeys("enter", "n"), key.WithHelp("enter/n", "new journey")),
		Cancel:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel journey")),

		Open:   key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open")),
		Copy:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy")),
		Paste:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "paste")),
		SignIn: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sign in")),
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "submit")),

		NextField: key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", "next field")),
		PrevField: key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab", "previous field")),
		Toggle:    key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "tick")),

		PrevOption: key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "previous option")),
		NextOption: key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "next option")),
		Options:    key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "choose")),

		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn/space", "page down")),
		Scroll:   key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown"), key.WithHelp("↑/↓", "scroll")),
		Report:   key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open report")),
		Claims:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "ID token claims")),

		Inspector: key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "HTTP inspector")),
		Focus:     key.NewBinding(key.WithKeys("tab", "enter"), key.WithHelp("tab", "list/detail")),
		Reveal:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reveal")),
		RevealYes: key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "show them")),
		RevealNo:  key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "keep masked")),
		CopyCurl:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy curl")),
		SaveHAR:   key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save HAR")),
	}
}

// withDesc returns b described in other words, for a screen that gives a shared key its own
// meaning in the footer.
func withDesc(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}
