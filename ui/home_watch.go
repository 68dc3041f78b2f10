package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// indexWatcher is a ConnectionsManager that can tell cheaply whether the stored connections
// changed, so the home can follow what another linkstep stores or forgets.
type indexWatcher interface {
	// IndexStamp changes whenever the stored connections may have changed.
	IndexStamp() string
}

// homeWatchEvery is how often the shown home looks whether the stored connections changed.
const homeWatchEvery = 2 * time.Second

// homeWatchMsg is a look at the stored connections' stamp, from watch chain gen.
type homeWatchMsg struct {
	gen   int
	stamp string
}

// stampOf is m's stamp of the stored connections, or "" when it cannot tell one.
func stampOf(m ConnectionsManager) string {
	if w, ok := m.(indexWatcher); ok {
		return w.IndexStamp()
	}
	return ""
}

// watch looks at the stamp after a while, when the manager can tell one; nil otherwise.
func (a homeArea) watch() tea.Cmd {
	if _, ok := a.conns.(indexWatcher); !ok {
		return nil
	}
	gen, m := a.watchGen, a.conns
	return tea.Tick(homeWatchEvery, func(time.Time) tea.Msg { return homeWatchMsg{gen: gen, stamp: stampOf(m)} })
}

// startWatching begins a new chain of looks; an older chain's looks are ignored.
func (a homeArea) startWatching() (homeArea, tea.Cmd) {
	a.watchGen++
	return a, a.watch()
}

// onWatch reads the connections again when their stamp moved from the one the last listing
// took, while the home is shown and idle, and looks again later.
func (a homeArea) onWatch(msg homeWatchMsg) (homeArea, tea.Cmd) {
	if msg.gen != a.watchGen || !a.shown {
		return a, nil // a chain that was replaced, or a home no longer shown: it stops here
	}
	if a.busy() || msg.stamp == a.stamp {
		return a, a.watch()
	}
	a, load := a.load()
	return a, tea.Batch(load, a.watch())
}
