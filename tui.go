package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/ui"
)

// runTUI opens the terminal UI on the chosen environment.
func runTUI(ctx context.Context, g *globalFlags, stderr io.Writer) error {
	presenter, err := presenterMode(g.presenter, os.Getenv)
	if err != nil {
		return err
	}
	env, err := openEnvironment(g, issuerOptions{})
	if err != nil {
		return err
	}
	defer env.Close()
	for _, w := range env.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	return ui.Run(ctx, ui.Config{
		Journeys:    flows.Journeys(),
		Journey:     env.Journey,
		Environment: env.Kind.String(),
		Storage:     env.Storage,
		Version:     buildVersion(),
		Now:         env.Clock.Now,
		Connections: flows.NewConnections(env.Parts),
		Clock:       env.Clock,
		Presenter:   presenter,
	})
}
