package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/linkstep/linkstep/flows"
)

// newJourneysCommand lists the journeys from the static registry: nothing is built to list them.
func newJourneysCommand(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "journeys",
		Short: "List the journeys linkstep can run",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
			for _, j := range flows.Journeys() {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", j.ID, j.Title, j.Summary)
			}
			return tw.Flush()
		},
	}
}
