package ui

import (
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
)

// homeScreen lists the stored connections, newest first, and turns the action keys into
// messages for the home: only the actions the highlighted connection's provider allows are
// offered. Before the first listing it says it is reading; when listing failed, it says why
// and r tries again.
type homeScreen struct {
	c      common
	env    string // the environment the connections are stored in
	clock  bool   // the demo clock keys are offered
	listed bool   // a listing came back
	err    error  // why the last listing failed
	rows   choiceScreen[homeRow]
}

func newHomeScreen(c common, env string, clock bool) homeScreen {
	s := homeScreen{env: env, clock: clock}
	s.rows = s.build(c, nil, "")
	return s.resize(c).(homeScreen)
}

// build lays out list as rows, the one with the id highlighted (or the first).
func (s homeScreen) build(c common, list []flows.ConnectionSummary, id string) choiceScreen[homeRow] {
	rows := make([]homeRow, len(list))
	cursor := 0
	for i, sum := range list {
		rows[i] = newHomeRow(sum, c.now(), c.mask)
		if sum.ID == id {
			cursor = i
		}
	}
	intro := "Stored in the " + s.env + " environment, newest first; enter shows a connection's accounts, live."
	if s.env == "" {
		intro = "Stored here, newest first; enter shows a connection's accounts, live."
	}
	return newChoiceScreen(c, choiceSpec[homeRow]{
		kind:    kindHome,
		title:   "Connections",
		intro:   intro,
		noun:    [2]string{"connection", "connections"},
		lines:   3,
		spacing: 1,
		cursor:  cursor,
		// no choose key: the home screen reads every key that does something itself
	}, rows)
}

func (s homeScreen) kind() screenKind { return kindHome }
func (s homeScreen) title() string    { return "Connections" }
func (s homeScreen) typing() bool     { return false }
func (s homeScreen) ownsBack() bool   { return false }

func (s homeScreen) resize(c common) screen {
	s.c = c
	s.rows = s.rows.resize(c).(choiceScreen[homeRow])
	return s
}

// summaries are the connections listed, in order.
func (s homeScreen) summaries() []flows.ConnectionSummary {
	items := s.rows.list.Items()
	out := make([]flows.ConnectionSummary, 0, len(items))
	for _, it := range items {
		if r, ok := it.(homeRow); ok {
			out = append(out, r.summary)
		}
	}
	return out
}

// selected is the highlighted connection; false when there is none.
func (s homeScreen) selected() (flows.ConnectionSummary, bool) {
	r, ok := s.rows.selected()
	return r.summary, ok
}

// withList shows list, keeping the highlighted connection highlighted while it is there.
func (s homeScreen) withList(list []flows.ConnectionSummary) homeScreen {
	id := ""
	if cur, ok := s.selected(); ok {
		id = cur.ID
	}
	s.listed, s.err = true, nil
	s.rows = s.build(s.c, list, id)
	return s
}

// failed shows why listing failed, in place of the list.
func (s homeScreen) failed(err error) homeScreen {
	s.listed, s.err = true, err
	s.rows = s.build(s.c, nil, "")
	return s
}

// with replaces the connection with sum's id by sum (a refresh's outcome).
func (s homeScreen) with(sum flows.ConnectionSummary) homeScreen {
	list := s.summaries()
	for i, old := range list {
		if old.ID == sum.ID {
			list[i] = sum
		}
	}
	s.rows = s.build(s.c, list, s.currentID())
	return s
}

// without removes the connection with the id (once forgotten).
func (s homeScreen) without(id string) homeScreen {
	list := s.summaries()
	cursor := s.rows.list.Index()
	list = slices.DeleteFunc(list, func(sum flows.ConnectionSummary) bool { return sum.ID == id })
	next := ""
	if len(list) > 0 {
		next = list[min(cursor, len(list)-1)].ID
	}
	s.rows = s.build(s.c, list, next)
	return s
}

// currentID is the highlighted connection's id, or "".
func (s homeScreen) currentID() string {
	sum, _ := s.selected()
	return sum.ID
}

func (s homeScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return s, nil
	}
	if m := s.intentFor(k); m != nil {
		return s, send(m)
	}
	rows, cmd := s.rows.update(k)
	s.rows = rows.(choiceScreen[homeRow])
	return s, cmd
}

// intentFor is the message key k sends up, or nil when it is not an action offered now.
func (s homeScreen) intentFor(k tea.KeyPressMsg) tea.Msg {
	keys := s.c.keys
	switch {
	case key.Matches(k, keys.NewConnection):
		return newConnectionMsg{}
	case s.clock && key.Matches(k, keys.ClockDay):
		return moveClockMsg{by: clockDay}
	case s.clock && key.Matches(k, keys.ClockMonth):
		return moveClockMsg{by: 30 * clockDay}
	case s.clock && key.Matches(k, keys.ClockReset):
		return moveClockMsg{reset: true}
	case s.err != nil && key.Matches(k, keys.Retry):
		return reloadConnectionsMsg{}
	}
	sum, ok := s.selected()
	if !ok {
		return nil
	}
	for _, a := range s.actions(sum) {
		if key.Matches(k, a.key) {
			return a.msg
		}
	}
	return nil
}

// clockDay is a day on the demo clock.
const clockDay = 24 * time.Hour

// homeAction is an action on a connection: its key and the message it sends up.
type homeAction struct {
	key key.Binding
	msg tea.Msg
}

// actions are what sum's provider lets linkstep do with it, in the footer's order.
func (s homeScreen) actions(sum flows.ConnectionSummary) []homeAction {
	keys := s.c.keys
	var out []homeAction
	add := func(act flows.ConnectionAction, b key.Binding, msg tea.Msg) {
		if offers(sum, act) {
			out = append(out, homeAction{key: b, msg: msg})
		}
	}
	add(flows.ActionView, keys.View, viewConnectionMsg{id: sum.ID})
	add(flows.ActionRefresh, keys.RefreshToken, refreshConnectionMsg{id: sum.ID})
	add(flows.ActionExtend, keys.Extend, renewConnectionMsg{journey: flows.ExtendID, id: sum.ID})
	add(flows.ActionReauth, keys.Reauth, renewConnectionMsg{journey: flows.ReauthID, id: sum.ID})
	add(flows.ActionForget, keys.Forget, askForgetMsg{summary: sum})
	return out
}

func (s homeScreen) view() string {
	st, w := s.c.styles, s.c.width
	switch {
	case !s.listed:
		return page(st, w, s.title(), "Reading the stored connections…", "")
	case s.err != nil:
		content := st.Failed.Render(truncate("✗ Could not read the stored connections", w)) + "\n\n" +
			st.Error.Render(ansi.Wrap(describe(s.err), w, " ")) + "\n\n" +
			keyHint(st, "r", "tries again") + st.Muted.Render(" · ") + keyHint(st, "n", "makes a new connection")
		return page(st, w, s.title(), "The list of connections could not be read.", content)
	case len(s.rows.list.Items()) == 0:
		where := "here"
		if s.env != "" {
			where = "in the " + s.env + " environment"
		}
		content := keyHint(st, "n", "makes one: the picker lists the journeys that connect a bank")
		return page(st, w, s.title(), "No connection is stored "+where+" yet.", content)
	}
	return s.rows.view()
}

func (s homeScreen) ShortHelp() []key.Binding {
	k := s.c.keys
	sum, ok := s.selected()
	switch {
	case s.err != nil:
		return []key.Binding{k.Retry, withDesc(k.NewConnection, "new connection")}
	case !ok:
		return []key.Binding{withDesc(k.NewConnection, "new connection")}
	}
	var b []key.Binding
	for _, a := range s.actions(sum) {
		b = append(b, a.key)
	}
	return append(b, withDesc(k.NewConnection, "new"))
}

func (s homeScreen) FullHelp() [][]key.Binding {
	k := s.c.keys
	cols := [][]key.Binding{}
	if sum, ok := s.selected(); ok {
		cols = append(cols, []key.Binding{k.Up, k.Down, k.Page})
		var acts []key.Binding
		for _, a := range s.actions(sum) {
			acts = append(acts, a.key)
		}
		cols = append(cols, acts)
	}
	if s.err != nil {
		cols = append(cols, []key.Binding{k.Retry})
	}
	cols = append(cols, []key.Binding{withDesc(k.NewConnection, "new connection")})
	if s.clock {
		cols = append(cols, []key.Binding{k.ClockDay, k.ClockMonth, k.ClockReset})
	}
	return cols
}
