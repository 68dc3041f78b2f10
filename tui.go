package main

import (
	"context"
	"fmt"
	"io"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/ui"
)

// runTUI opens the terminal UI on the chosen environment.
func runTUI(ctx context.Context, g *globalFlags, stderr io.Writer) error {
	env, err := openEnvironment(g)
	if err != nil {
		return err
	}
	defer env.Close()
	for _, w := range env.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	var journeys []flows.Journey
	for _, info := range flows.Journeys() {
		j, err := env.Journey(info.ID)
		if err != nil {
			fmt.Fprintln(stderr, "notice:", info.Title, "is not available here:", err)
			continue
		}
		journeys = append(journeys, j)
	}
	return ui.Run(ctx, ui.Config{
		Journeys:    journeys,
		Environment: env.Kind.String(),
		Storage:     env.Storage,
		Version:     version,
	})
}
