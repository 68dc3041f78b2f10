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
	env, err := newEnvironment(g)
	if err != nil {
		return err
	}
	defer env.close()
	for _, w := range env.warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	return ui.Run(ctx, ui.Config{
		Journeys:    flows.Catalog(env.deps),
		Environment: env.env.String(),
		Storage:     env.store,
		Version:     version,
	})
}
