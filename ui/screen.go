package ui

import (
	"fmt"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// screenKind names a screen.
type screenKind int

const (
	kindPicker screenKind = iota
	kindHome
	kindConnection
	kindForget
	kindBank
	kindConsent
	kindAuthLink
	kindSignIn
	kindWorking
	kindAccounts
	kindResult
	kindFailure
	kindScopes
	kindIssuer
	kindSignInAs
	kindIdentity
	kindUser
	kindIdentify
	kindOffer
	kindConnections
	kindReconfirm
	kindReturning
)

// String names the kind, for test failures and logs.
func (k screenKind) String() string {
	switch k {
	case kindPicker:
		return "picker"
	case kindHome:
		return "home"
	case kindConnection:
		return "connection"
	case kindForget:
		return "forget"
	case kindBank:
		return "bank"
	case kindConsent:
		return "consent"
	case kindAuthLink:
		return "authlink"
	case kindSignIn:
		return "signin"
	case kindWorking:
		return "working"
	case kindAccounts:
		return "accounts"
	case kindResult:
		return "result"
	case kindFailure:
		return "failure"
	case kindScopes:
		return "scopes"
	case kindIssuer:
		return "issuer"
	case kindSignInAs:
		return "signin-as"
	case kindIdentity:
		return "identity"
	case kindUser:
		return "user"
	case kindIdentify:
		return "identify"
	case kindOffer:
		return "offer"
	case kindConnections:
		return "connections"
	case kindReconfirm:
		return "reconfirm"
	case kindReturning:
		return "returning-user"
	default:
		return fmt.Sprintf("screen(%d)", int(k))
	}
}

// screen is one page of the UI. A screen renders what it was built from, turns keys into
// messages for its area (answerMsg, backMsg, ...), and never does I/O itself.
type screen interface {
	help.KeyMap
	kind() screenKind
	// title names the screen, in the window title too.
	title() string
	update(msg tea.Msg) (screen, tea.Cmd)
	view() string
	// resize gives the screen a new size or new styles.
	resize(c common) screen
	// typing reports whether a text input has focus: q and ? are then text, not commands.
	typing() bool
	// ownsBack reports whether esc belongs to the screen right now (to close a box or clear a
	// filter) rather than going back.
	ownsBack() bool
}

// send returns a command that delivers msg, through the root, to the screen's area.
func send(msg tea.Msg) tea.Cmd {
	return func() tea.Msg { return msg }
}
