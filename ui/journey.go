package ui

import (
	"context"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
)

// journeyArea is the journey part of the UI: the picker, and the screens of one journey run at
// a time, which it drives through the bridge. It owns its screen stack and the run's state,
// and turns what its screens ask for into commands.
type journeyArea struct {
	ctx      context.Context // bounds every run
	c        common
	catalog  catalog
	open     opener
	clip     clip // how the auth link is copied
	box      *mailbox
	stack    []screen      // the active screen last; never empty
	spin     spinner.Model // the header's, while the journey works
	spinning bool
	runs     int // journeys started so far; run ids count from 1
	run      journeyRun
	home     bool // a connections home is there to go to
}

var _ area = journeyArea{}

func newJourneyArea(ctx context.Context, c common, cat catalog) journeyArea {
	return journeyArea{
		ctx:     ctx,
		c:       c,
		catalog: cat,
		open:    systemOpen,
		clip:    systemClip(),
		box:     newMailbox(),
		stack:   []screen{newPickerScreen(c, cat.infos, "")},
		spin:    spinner.New(spinner.WithSpinner(c.spinner), spinner.WithStyle(c.styles.Spinner)),
	}
}

// init starts listening to the journeys.
func (a journeyArea) init() tea.Cmd { return listenMailbox(a.ctx, a.box) }

func (a journeyArea) update(msg tea.Msg) (area, tea.Cmd) { return a.handle(msg) }

// handle passes msg to the method that deals with it, or else to the active screen.
func (a journeyArea) handle(msg tea.Msg) (journeyArea, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return a.onKey(msg)
	case spinner.TickMsg:
		return a.onSpin(msg)
	case bridgeMsg:
		return a.onBridge(msg)
	case intent:
		return a.onIntent(msg)
	case signedInMsg:
		return a.onSignedIn(msg)
	}
	return a.updateScreen(msg)
}

// onKey goes back on esc, unless the active screen uses it, and passes other keys to the
// screen.
func (a journeyArea) onKey(k tea.KeyPressMsg) (journeyArea, tea.Cmd) {
	if key.Matches(k, a.c.keys.Back) && !a.top().ownsBack() {
		return a.back()
	}
	if key.Matches(k, a.c.keys.Home) && a.canGoHome() {
		return a, send(showAreaMsg{id: areaHome})
	}
	return a.updateScreen(k)
}

// onSpin moves the header's spinner while a journey runs, and lets it stop afterwards.
func (a journeyArea) onSpin(msg spinner.TickMsg) (journeyArea, tea.Cmd) {
	if msg.ID != a.spin.ID() {
		return a.updateScreen(msg)
	}
	if !a.run.active {
		a.spinning = false
		return a, nil
	}
	var cmd tea.Cmd
	a.spin, cmd = a.spin.Update(msg)
	return a, cmd
}

func (a journeyArea) view() string  { return a.top().view() }
func (a journeyArea) title() string { return a.top().title() }
func (a journeyArea) typing() bool  { return a.top().typing() }

func (a journeyArea) resize(c common) area { return a.fit(c) }

// fit gives the area and each of its screens the size and styles of c.
func (a journeyArea) fit(c common) journeyArea {
	a.c = c
	a.spin.Style = c.styles.Spinner
	a.spin.Spinner = c.spinner
	stack := make([]screen, len(a.stack))
	for i, s := range a.stack {
		stack[i] = s.resize(a.c)
	}
	a.stack = stack
	return a
}

// stop cancels the journey in flight.
func (a journeyArea) stop() area { return a.stopRun() }

// running reports whether a journey is in flight.
func (a journeyArea) running() bool { return a.run.active }

// ShortHelp is the active screen's, and the home key when it applies.
func (a journeyArea) ShortHelp() []key.Binding { return a.withHomeKey(a.top().ShortHelp()) }

// FullHelp is the active screen's, and the home key when it applies.
func (a journeyArea) FullHelp() [][]key.Binding { return a.withHomeColumn(a.top().FullHelp()) }
