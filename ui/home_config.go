package ui

import (
	"context"
	"time"

	"github.com/linkstep/linkstep/flows"
)

// ConnectionsManager is what the connections home needs of the stored connections;
// *flows.Connections is one. The home calls it in the background only.
type ConnectionsManager interface {
	// List returns the stored connections, newest first.
	List(ctx context.Context) ([]flows.ConnectionSummary, error)
	// Show returns the stored connection with the id.
	Show(ctx context.Context, id string) (flows.ConnectionSummary, error)
	// Refresh renews the connection's access token.
	Refresh(ctx context.Context, id string) (flows.ConnectionSummary, error)
	// View reads the connection's accounts with their balances, live.
	View(ctx context.Context, id string) (flows.ConnectionView, error)
	// Forget revokes the connection where its provider can, then deletes what is kept of it;
	// it reports whether the provider revoked it.
	Forget(ctx context.Context, id string) (revoked bool, err error)
}

// Clock is the demo clock shared by the embedded sandbox and the journeys;
// *environment.Clock is one. The home's keys move it to show consents ageing.
type Clock interface {
	// Advance moves the clock by d (negative goes back).
	Advance(d time.Duration)
	// Offset is how far the clock is from the real time.
	Offset() time.Duration
}

var _ ConnectionsManager = (*flows.Connections)(nil)
