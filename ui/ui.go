package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/providers/transcript"
)

// Storage is what the header needs to know about where tokens live.
type Storage interface {
	// Describe says where the tokens are kept, e.g. "OS keychain (Secret Service)".
	Describe() string
	// Probe checks the storage and returns a notice for the user, or "" when all is well; it
	// may take seconds (a locked keychain), so the UI calls it in the background.
	Probe(ctx context.Context) (notice string)
}

// Config is what the UI is started with.
type Config struct {
	// Journeys are offered in the picker, in this order; listing them builds nothing.
	Journeys []flows.Info
	// Journey builds the journey with the id when the user starts it; its error is shown.
	Journey func(id string) (flows.Journey, error)
	// Environment is shown in the header: "embedded", "sandbox" or "live".
	Environment string
	// Storage is where the journeys keep tokens; it is described in the header.
	Storage Storage
	// Version is shown at the right of the header.
	Version string
	// Now is the clock for the labels that say how far off a time is; nil means time.Now.
	Now func() time.Time
	// Connections are the stored connections, listed on the home; nil means no home.
	Connections ConnectionsManager
	// NothingStored says the connections index lists nothing: the UI then opens on the journey
	// picker at once, rather than on the home until its listing comes back empty.
	NothingStored bool
	// Clock is the demo clock the home's keys move; nil means no such keys.
	Clock Clock
	// ExportDir is where the inspector saves HAR files; empty means the working directory.
	ExportDir string
	// CurlVars names the shell variables of each exchange's provider in a copied curl
	// command; nil means the generic names ($CLIENT_SECRET, ...).
	CurlVars func(transcript.Entry) transcript.CurlVars
	// Presenter masks personal data on screen (names, addresses, birth dates, emails, phones,
	// account numbers) for demos in public, and says so in the header.
	Presenter bool
}

// Run runs the UI until the user quits or ctx is done; opts are passed to the program.
func Run(ctx context.Context, cfg Config, opts ...tea.ProgramOption) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	opts = append([]tea.ProgramOption{tea.WithContext(ctx)}, opts...)
	_, err := tea.NewProgram(New(ctx, cfg), opts...).Run()
	switch {
	case err == nil:
		return nil
	case errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil:
		return fmt.Errorf("terminal UI stopped: %w", context.Cause(ctx))
	default:
		return fmt.Errorf("run the terminal UI: %w", err)
	}
}
