package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

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
	var clock ui.Clock = env.Clock
	if env.Standalone() {
		clock = nil // the standalone sandbox keeps its own clock: 'linkstep sandbox --clock'
	}
	conns := flows.NewConnections(env.Parts)
	return ui.Run(ctx, ui.Config{
		Journeys:      flows.Journeys(),
		Journey:       env.Journey,
		Environment:   env.Label(),
		Storage:       env.Storage,
		Version:       buildVersion(),
		Now:           env.Clock.Now,
		Connections:   conns,
		NothingStored: nothingStored(conns),
		Clock:         clock,
		ExportDir:     filepath.Join(env.Parts.Common.DataDir, "har"),
		CurlVars:      curlVars(env),
		Presenter:     presenter,
	})
}

// nothingStored says the TUI opens on the journey picker: the index lists no connection. An
// index that cannot be read opens the connections home, which says why and how to fix it.
func nothingStored(conns *flows.Connections) bool {
	empty, err := conns.Empty()
	return empty && err == nil
}
