package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
)

// connectionColumns are the widths of the connection list's columns.
type connectionColumns struct{ id, bank int }

// The widths of the columns that do not depend on the connections.
const (
	createdWidth = len("22 Nov 2025")
	expiryWidth  = len("expired 100 days ago")
)

func connectionColumnsFor(conns []flows.StoredConnection) connectionColumns {
	cols := connectionColumns{id: len("Connection"), bank: len("Bank")}
	for _, c := range conns {
		cols.id = max(cols.id, min(36, ansi.StringWidth(c.ID)))
		cols.bank = max(cols.bank, min(20, ansi.StringWidth(c.Bank)))
	}
	return cols
}

// heading is the column headings over rows laid out with cols.
func (cols connectionColumns) heading() string {
	return "  " + padRight("Connection", cols.id) + "  " + padRight("Bank", cols.bank) + "  " +
		padRight("Created", createdWidth) + "  Consent"
}

// connectionRow is one stored connection in the list: its id, bank, when it was made and when
// its consent expires, in words; one that cannot be used is dimmed, with why.
type connectionRow struct {
	conn   flows.StoredConnection
	cols   connectionColumns
	expiry string // in words: "expires in 12 days"
	soon   bool   // the consent expires within soonDays
	lapsed bool   // the consent has expired
}

func newConnectionRow(c flows.StoredConnection, cols connectionColumns, now time.Time) connectionRow {
	return connectionRow{
		conn:   c,
		cols:   cols,
		expiry: expiryWords(c.ConsentExpiresAt, now),
		soon:   expiresSoon(c.ConsentExpiresAt, now),
		lapsed: !c.ConsentExpiresAt.IsZero() && !c.ConsentExpiresAt.After(now),
	}
}

// FilterValue is what the filter matches: the id and the bank.
func (r connectionRow) FilterValue() string { return r.conn.ID + " " + r.conn.Bank }

func (r connectionRow) render(s Styles, selected bool, width int) string {
	c := r.conn
	created := "—"
	if !c.Created.IsZero() {
		created = c.Created.Format("2 Jan 2006")
	}
	rest := padRight(c.Bank, r.cols.bank) + "  " + padRight(created, createdWidth) + "  "
	if !c.Usable {
		why := c.Why
		if why == "" {
			why = "it cannot be used"
		}
		line := cursorCell(s, selected) + s.RowDim.Render(padRight(c.ID, r.cols.id)+"  "+rest+padRight(r.expiry, expiryWidth)) +
			"  " + s.Muted.Render("✗ "+why)
		return truncate(line, width)
	}
	id := s.Row.Render(padRight(c.ID, r.cols.id))
	if selected {
		id = s.Selected.Render(padRight(c.ID, r.cols.id))
	}
	expiry := s.Value.Render(r.expiry)
	switch {
	case r.lapsed:
		expiry = s.Error.Render(r.expiry)
	case r.soon:
		expiry = s.Warn.Render(r.expiry)
	}
	return truncate(cursorCell(s, selected)+id+"  "+s.RowDim.Render(rest)+expiry, width)
}

// connectionNoteLines is the room under the list for why a connection cannot be chosen.
const connectionNoteLines = 3

// connectionsScreen answers flows.ChooseConnection from the generic choice screen: the stored
// connections, filterable, with when their consent expires. One that cannot be used is dimmed
// and cannot be chosen: enter on it says why, under the list.
type connectionsScreen struct {
	c       common
	prompt  flows.ChooseConnection
	choices choiceScreen[connectionRow]
	note    string // why the highlighted connection cannot be chosen
}

func newConnectionsScreen(c common, p flows.ChooseConnection) connectionsScreen {
	cols := connectionColumnsFor(p.Connections)
	rows := make([]connectionRow, len(p.Connections))
	for i, conn := range p.Connections {
		rows[i] = newConnectionRow(conn, cols, c.now())
	}
	choose := c.keys.Choose
	if p.Purpose != "" {
		choose = withDesc(choose, p.Purpose)
	}
	choices := newChoiceScreen(c, choiceSpec[connectionRow]{
		kind:    kindConnections,
		title:   connectionsTitle(p.Purpose),
		intro:   connectionsIntro(p),
		empty:   "No " + p.Provider + " connection is stored in the " + p.Environment + " environment: make one first.",
		heading: cols.heading(),
		noun:    [2]string{"connection", "connections"},
		lines:   1,
		filter:  true,
		choose:  choose,
		chosen:  func(r connectionRow) tea.Msg { return answerMsg{answer: flows.ConnectionChoice{ID: r.conn.ID}} },
		cursor:  max(0, slices.IndexFunc(p.Connections, func(c flows.StoredConnection) bool { return c.Usable })),
	}, rows)
	return connectionsScreen{prompt: p, choices: choices}.resize(c).(connectionsScreen)
}

// connectionsTitle says what the chosen connection is for: "Choose a connection to extend".
func connectionsTitle(purpose string) string {
	if purpose == "" {
		return "Choose a connection"
	}
	return "Choose a connection to " + purpose
}

// connectionsIntro says where the connections come from; the title says what choosing one does.
func connectionsIntro(p flows.ChooseConnection) string {
	return fmt.Sprintf("The %s connections stored in the %s environment; dimmed ones cannot be used.", p.Provider, p.Environment)
}

func (s connectionsScreen) kind() screenKind { return kindConnections }
func (s connectionsScreen) title() string    { return s.choices.title() }
func (s connectionsScreen) typing() bool     { return s.choices.typing() }
func (s connectionsScreen) ownsBack() bool   { return s.choices.ownsBack() }

// resize gives the list the rows it has and no more, and leaves room under it for why a
// connection cannot be chosen.
func (s connectionsScreen) resize(c common) screen {
	s.c = c
	inner := c
	rows := len(s.choices.list.Items())
	inner.height = max(1, min(c.height-connectionNoteLines, headLines(c.width, s.choices.intro())+s.choices.headingLines()+filterLines+rows+1)) // +1: the pager line
	s.choices = s.choices.resize(inner).(choiceScreen[connectionRow])
	return s
}

func (s connectionsScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		s.note = ""
		if !s.choices.editing && key.Matches(k, s.choices.spec.choose) {
			if r, ok := s.choices.selected(); ok && !r.conn.Usable {
				s.note = s.refusal(r.conn)
				return s, nil
			}
		}
	}
	next, cmd := s.choices.update(msg)
	s.choices = next.(choiceScreen[connectionRow])
	return s, cmd
}

// refusal says why c cannot be chosen.
func (s connectionsScreen) refusal(c flows.StoredConnection) string {
	why := c.Why
	if why == "" {
		why = "it cannot be used"
	}
	what := "chosen"
	if s.prompt.Purpose != "" {
		what = "chosen to " + s.prompt.Purpose
	}
	return fmt.Sprintf("%s cannot be %s: %s. Choose another, or make a new connection.", c.ID, what, why)
}

func (s connectionsScreen) view() string {
	st, w := s.c.styles, s.c.width
	var note string
	if s.note != "" {
		note = st.Error.Render(ansi.Wrap(s.note, max(10, w), " "))
	}
	return strings.TrimRight(s.choices.view(), "\n") + "\n\n" + note
}

func (s connectionsScreen) ShortHelp() []key.Binding  { return s.choices.ShortHelp() }
func (s connectionsScreen) FullHelp() [][]key.Binding { return s.choices.FullHelp() }
