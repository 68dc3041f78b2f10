package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/providers/transcript"
)

// inspectorFocus is the part of the inspector that the arrow keys move.
type inspectorFocus int

const (
	focusList   inspectorFocus = iota // the arrows choose an exchange
	focusDetail                       // the arrows scroll the chosen one
)

// String names the focus.
func (f inspectorFocus) String() string {
	switch f {
	case focusList:
		return "list"
	case focusDetail:
		return "detail"
	default:
		return fmt.Sprintf("focus(%d)", int(f))
	}
}

// other is the other part.
func (f inspectorFocus) other() inspectorFocus {
	if f == focusList {
		return focusDetail
	}
	return focusList
}

// inspectorArea is the HTTP inspector pane: the exchanges of the journey run grouped under the
// step that made them, and the selected one in full, redacted until the user reveals it. The
// journey area sends it the exchanges (exchangesMsg); it never reaches into the journey.
type inspectorArea struct {
	c         common
	from      areaID // the area it was opened from, shown again when it closes
	run       int    // the journey run the exchanges belong to
	journey   string // that run's journey id, for the HAR file's name
	exchanges []exchange
	total     int  // the exchanges the run made, the dropped ones included
	selected  int  // the seq of the selected exchange; 0 for none
	follow    bool // the selection moves to each new exchange: the user has not moved it
	focus     inspectorFocus
	list      scroller
	detail    scroller
	revealed  bool // the selected exchange's secrets are on screen
	asking    bool // the reveal confirmation is shown
	note      statusLine
	exportDir string
	curlVars  func(transcript.Entry) transcript.CurlVars
	version   string
}

var _ area = inspectorArea{}

func newInspectorArea(c common, cfg Config) inspectorArea {
	return inspectorArea{
		c:         c,
		follow:    true,
		list:      newScroller(c.keys),
		detail:    newScroller(c.keys),
		exportDir: cfg.ExportDir,
		curlVars:  cfg.CurlVars,
		version:   cfg.Version,
	}.refresh()
}

// init has nothing to start: the exchanges come from the journey area.
func (a inspectorArea) init() tea.Cmd { return nil }

func (a inspectorArea) update(msg tea.Msg) (area, tea.Cmd) { return a.handle(msg) }

// handle passes msg to the method that deals with it; the inspector ignores the rest.
func (a inspectorArea) handle(msg tea.Msg) (inspectorArea, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return a.onKey(msg)
	case exchangesMsg:
		return a.onExchanges(msg), nil
	case openInspectorMsg:
		a.from, a.note = msg.from, statusLine{}
		return a.refresh(), nil
	case areaShownMsg:
		if msg.id != areaInspector {
			a = a.conceal() // closed: nothing stays revealed
		}
		return a, nil
	case harSavedMsg:
		return a.onHARSaved(msg), nil
	}
	return a, nil
}

// onKey answers the reveal confirmation while it is shown, and otherwise handles the pane's
// keys.
func (a inspectorArea) onKey(k tea.KeyPressMsg) (inspectorArea, tea.Cmd) {
	keys := a.c.keys
	if a.asking {
		return a.onRevealAnswer(k), nil
	}
	switch {
	case key.Matches(k, keys.Back, keys.Inspector):
		return a.conceal(), send(showAreaMsg{id: a.from})
	case key.Matches(k, keys.Focus):
		a.focus = a.focus.other()
		return a.refresh(), nil
	case key.Matches(k, keys.Reveal):
		return a.askReveal(), nil
	case key.Matches(k, keys.CopyCurl):
		return a.copyCurl()
	case key.Matches(k, keys.SaveHAR):
		return a.saveHAR()
	case a.focus == focusList && key.Matches(k, keys.Up):
		return a.move(-1), nil
	case a.focus == focusList && key.Matches(k, keys.Down):
		return a.move(+1), nil
	}
	a.detail, _ = a.detail.update(k)
	return a, nil
}

// onExchanges takes the run's exchanges as they stand; a new run starts with nothing selected
// and nothing revealed.
func (a inspectorArea) onExchanges(msg exchangesMsg) inspectorArea {
	if msg.run != a.run {
		a = a.conceal()
		a.selected, a.follow, a.note = 0, true, statusLine{}
		a.detail = a.detail.top()
	}
	a.run, a.journey, a.exchanges, a.total = msg.run, msg.journey, msg.exchanges, msg.total
	switch _, ok := a.current(); {
	case len(a.exchanges) == 0:
		a.selected = 0
	case a.follow || !ok:
		a = a.selectSeq(a.exchanges[len(a.exchanges)-1].seq)
	}
	return a.refresh()
}

// current is the selected exchange.
func (a inspectorArea) current() (exchange, bool) {
	i := a.index()
	if i < 0 {
		return exchange{}, false
	}
	return a.exchanges[i], true
}

// index is the selected exchange's place in the list, or -1.
func (a inspectorArea) index() int {
	for i, x := range a.exchanges {
		if x.seq == a.selected {
			return i
		}
	}
	return -1
}

// move selects the exchange delta places away, when there is one; the selection follows new
// exchanges again once it is on the last one.
func (a inspectorArea) move(delta int) inspectorArea {
	i := a.index() + delta
	if i < 0 || i >= len(a.exchanges) {
		return a
	}
	a = a.selectSeq(a.exchanges[i].seq)
	a.follow = i == len(a.exchanges)-1
	return a.refresh()
}

// selectSeq selects the exchange seq: another exchange is shown from its top, masked.
func (a inspectorArea) selectSeq(seq int) inspectorArea {
	if seq != a.selected {
		a = a.conceal()
		a.selected = seq
		a.detail = a.detail.top()
	}
	return a
}

// askReveal asks before the selected exchange's secrets are shown; r on a revealed one masks
// them again.
func (a inspectorArea) askReveal() inspectorArea {
	x, ok := a.current()
	switch {
	case !ok:
		return a
	case a.revealed:
		a = a.conceal()
		a.note = statusLine{text: "secrets masked again"}
		return a.refresh()
	}
	if _, kept := x.entry.Unredacted(); !kept {
		a.note = statusLine{text: "this exchange kept no unredacted copy: nothing to reveal", warn: true}
		return a
	}
	a.asking = true
	return a
}

// onRevealAnswer shows the secrets on y, keeps them masked on n or esc, and ignores other keys.
func (a inspectorArea) onRevealAnswer(k tea.KeyPressMsg) inspectorArea {
	switch keys := a.c.keys; {
	case key.Matches(k, keys.RevealYes):
		a.asking, a.revealed = false, true
		a.note = statusLine{text: "secrets on screen only: copies and HAR files stay redacted", warn: true}
		return a.refresh()
	case key.Matches(k, keys.RevealNo):
		a.asking = false
		a.note = statusLine{text: "secrets stay masked"}
	}
	return a
}

// conceal masks the secrets again and drops a pending confirmation, and the note about them.
func (a inspectorArea) conceal() inspectorArea {
	if a.revealed || a.asking {
		a.revealed, a.asking, a.note = false, false, statusLine{}
		return a.refresh()
	}
	return a
}

func (a inspectorArea) title() string { return "HTTP inspector" }
func (a inspectorArea) typing() bool  { return false }

// resize lays the pane out again for the body's new size or styles.
func (a inspectorArea) resize(c common) area {
	a.c = c
	return a.refresh()
}

// stop has nothing to end.
func (a inspectorArea) stop() area { return a }

// running is false: the journey runs in its own area.
func (a inspectorArea) running() bool { return false }
