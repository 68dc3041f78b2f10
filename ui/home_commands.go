package ui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
)

// listConnections reads the stored connections, as listing number gen, with their stamp
// taken first: a change after it shows as a new stamp.
func listConnections(ctx context.Context, m ConnectionsManager, gen int) tea.Cmd {
	return func() tea.Msg {
		stamp := stampOf(m)
		list, err := m.List(ctx)
		if err != nil {
			err = fmt.Errorf("read the stored connections: %w", err)
		}
		return connectionsListedMsg{gen: gen, stamp: stamp, list: list, err: err}
	}
}

// refreshConnection renews the connection's access token.
func refreshConnection(ctx context.Context, m ConnectionsManager, id string) tea.Cmd {
	return func() tea.Msg {
		s, err := m.Refresh(ctx, id)
		return connectionRefreshedMsg{id: id, summary: s, err: err}
	}
}

// viewConnection reads the connection's accounts and balances, live.
func viewConnection(ctx context.Context, m ConnectionsManager, id string) tea.Cmd {
	return func() tea.Msg {
		v, err := m.View(ctx, id)
		return connectionViewedMsg{id: id, view: v, err: err}
	}
}

// forgetConnection revokes the connection where its provider can and deletes what is kept.
func forgetConnection(ctx context.Context, m ConnectionsManager, id string) tea.Cmd {
	return func() tea.Msg {
		revoked, err := m.Forget(ctx, id)
		return connectionForgottenMsg{id: id, revoked: revoked, err: err}
	}
}

// moveClock moves the demo clock by d, or back to the real time when reset.
func moveClock(c Clock, d time.Duration, reset bool) tea.Cmd {
	return func() tea.Msg {
		if reset {
			d = -c.Offset()
		}
		c.Advance(d)
		return clockMovedMsg{offset: c.Offset()}
	}
}
