package ui

import (
	"context"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
)

// homeArea is the connections home: the stored connections, and what can be done with the
// highlighted one (view, refresh, extend, re-auth, forget). It reads them through the
// ConnectionsManager in the background, again each time it is shown, and hands the journeys
// (extend, re-auth, a new connection) to the journey area with a message to the root.
type homeArea struct {
	ctx      context.Context
	c        common
	conns    ConnectionsManager
	clock    Clock      // nil: no clock keys
	list     homeScreen // always there, under over
	over     screen     // a connection's view or the forget confirmation; nil for none
	shown    bool       // the home is the active area
	listed   bool       // a listing came back since the start
	gen      int        // listings asked for; only the latest one's answer counts
	loading  bool       // a listing is in flight
	acting   string     // the action in flight, "refreshing conn-1"; "" for none
	status   homeStatus
	spin     spinner.Model // the header's, while something is in flight
	spinning bool
	watchGen int    // the latest chain of looks at the stored connections (home_watch.go)
	stamp    string // their stamp at the last look; "" before the first
}

var _ area = homeArea{}

// homeStatus is the home's latest news for the status line.
type homeStatus struct {
	text string
	bad  bool
}

// newHomeArea returns the home, active, with its first listing asked for by init.
func newHomeArea(ctx context.Context, c common, conns ConnectionsManager, clock Clock, env string) homeArea {
	return homeArea{
		ctx:      ctx,
		c:        c,
		conns:    conns,
		clock:    clock,
		list:     newHomeScreen(c, env, clock != nil),
		shown:    true,
		gen:      1,
		loading:  true,
		spin:     spinner.New(spinner.WithSpinner(c.spinner), spinner.WithStyle(c.styles.Spinner)),
		spinning: true,
	}
}

// init reads the stored connections.
func (a homeArea) init() tea.Cmd {
	return tea.Batch(listConnections(a.ctx, a.conns, a.gen), a.spin.Tick, a.watch())
}

func (a homeArea) update(msg tea.Msg) (area, tea.Cmd) { return a.handle(msg) }

// handle passes msg to the method that deals with it; the home ignores what is not its own.
func (a homeArea) handle(msg tea.Msg) (homeArea, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return a.onKey(msg)
	case spinner.TickMsg:
		return a.onSpin(msg)
	case areaShownMsg:
		return a.onShown(msg)
	case homeIntent:
		return a.onIntent(msg)
	case connectionsListedMsg:
		return a.onListed(msg)
	case connectionRefreshedMsg:
		return a.onRefreshed(msg)
	case connectionViewedMsg:
		return a.onViewed(msg)
	case connectionForgottenMsg:
		return a.onForgotten(msg)
	case clockMovedMsg:
		return a.onClockMoved(msg)
	case homeWatchMsg:
		return a.onWatch(msg)
	}
	return a, nil
}

// top is the screen on show.
func (a homeArea) top() screen {
	if a.over != nil {
		return a.over
	}
	return a.list
}

// updateTop passes msg to the screen on show.
func (a homeArea) updateTop(msg tea.Msg) (homeArea, tea.Cmd) {
	s, cmd := a.top().update(msg)
	if a.over != nil {
		a.over = s
	} else {
		a.list = s.(homeScreen)
	}
	return a, cmd
}

// onKey closes the screen over the list on esc, and passes other keys to the screen on show.
func (a homeArea) onKey(k tea.KeyPressMsg) (homeArea, tea.Cmd) {
	if a.over != nil && key.Matches(k, a.c.keys.Back) && !a.over.ownsBack() {
		a.over = nil
		return a, nil
	}
	return a.updateTop(k)
}

// onSpin moves the header's spinner while something is in flight; other spinners belong to
// the screen on show.
func (a homeArea) onSpin(msg spinner.TickMsg) (homeArea, tea.Cmd) {
	if msg.ID != a.spin.ID() {
		if a.over == nil {
			return a, nil
		}
		return a.updateTop(msg)
	}
	if !a.busy() {
		a.spinning = false
		return a, nil
	}
	var cmd tea.Cmd
	a.spin, cmd = a.spin.Update(msg)
	return a, cmd
}

// busy reports whether the home waits on something.
func (a homeArea) busy() bool { return a.loading || a.acting != "" }

// spinOn starts the header's spinner unless it turns already.
func (a homeArea) spinOn() (homeArea, tea.Cmd) {
	if a.spinning {
		return a, nil
	}
	a.spinning = true
	return a, a.spin.Tick
}

// onShown reads the connections again whenever the home is shown: a journey may have stored
// or renewed one meanwhile.
func (a homeArea) onShown(msg areaShownMsg) (homeArea, tea.Cmd) {
	a.shown = msg.id == areaHome
	if !a.shown {
		return a, nil
	}
	a, watch := a.startWatching()
	a, load := a.load()
	return a, tea.Batch(load, watch)
}

// load reads the stored connections.
func (a homeArea) load() (homeArea, tea.Cmd) {
	a.gen++
	a.loading = true
	a, spin := a.spinOn()
	return a, tea.Batch(listConnections(a.ctx, a.conns, a.gen), spin)
}

func (a homeArea) view() string  { return a.top().view() }
func (a homeArea) title() string { return a.top().title() }
func (a homeArea) typing() bool  { return a.top().typing() }

func (a homeArea) resize(c common) area { return a.fit(c) }

// fit gives the home and its screens the size and styles of c.
func (a homeArea) fit(c common) homeArea {
	a.c = c
	a.spin.Style = c.styles.Spinner
	a.spin.Spinner = c.spinner
	a.list = a.list.resize(c).(homeScreen)
	if a.over != nil {
		a.over = a.over.resize(c)
	}
	return a
}

// stop has nothing to end: the home's commands end with the program's context.
func (a homeArea) stop() area { return a }

// running is false: the home's background actions are not journeys, and quitting drops them.
func (a homeArea) running() bool { return false }

// ShortHelp is the screen on show's.
func (a homeArea) ShortHelp() []key.Binding { return a.top().ShortHelp() }

// FullHelp is the screen on show's.
func (a homeArea) FullHelp() [][]key.Binding { return a.top().FullHelp() }
