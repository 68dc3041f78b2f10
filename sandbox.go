package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/linkstep/linkstep/flows/environment"
	"github.com/linkstep/linkstep/providers/sandbox"
	"github.com/linkstep/linkstep/providers/transcript"
)

func newSandboxCommand(g *globalFlags, stdout, stderr io.Writer) *cobra.Command {
	var addr, secret, state string
	var reveal bool
	cmd := &cobra.Command{
		Use:   "sandbox",
		Short: "Serve the embedded sandbox on its own, for other apps and load tests",
		Long: "Serve the embedded sandbox (TrueLayer auth and API hosts, OneID's issuer, Ivy's API host, mock bank\n" +
			"pages) until Ctrl-C. Point a client at the printed base URLs with the printed client id (TrueLayer,\n" +
			"OneID) or API key (Ivy).",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			clock := environment.NewClock(nil, g.clock.d)
			srv, err := sandbox.Start(addr, sandbox.Options{ClientSecret: secret, StateDir: state, Now: clock.Now})
			if err != nil {
				return fmt.Errorf("start the sandbox: %w", err)
			}
			defer srv.Close()
			urls := srv.URLs()
			sb := srv.Sandbox()
			shown, shownKey := transcript.Mask(sb.ClientSecret()), transcript.Mask(sb.IvyAPIKey())
			if reveal || secret != "" {
				shown, shownKey = sb.ClientSecret(), sb.IvyAPIKey()
			}
			fmt.Fprintf(stdout, "linkstep sandbox on %s\n\n", urls.Base)
			fmt.Fprintf(stdout, "  TrueLayer auth   %s\n", urls.TrueLayerAuth)
			fmt.Fprintf(stdout, "  TrueLayer API    %s\n", urls.TrueLayerAPI)
			fmt.Fprintf(stdout, "  OneID issuer     %s\n", urls.OneID)
			fmt.Fprintf(stdout, "  Ivy API          %s\n", urls.Ivy)
			fmt.Fprintf(stdout, "  client id        %s\n", sb.ClientID())
			fmt.Fprintf(stdout, "  client secret    %s", shown)
			if !reveal && secret == "" {
				fmt.Fprint(stdout, "   (generated; --reveal-secret prints it, --client-secret sets it)")
			}
			fmt.Fprintf(stdout, "\n  Ivy API key      %s   (X-Ivy-Api-Key: the client secret)", shownKey)
			fmt.Fprintf(stdout, "\n\n  mock users       john/doe (3 accounts), john1/doe1 … john100/doe100, john/iban, john/eternal,\n")
			fmt.Fprintf(stdout, "                   error.internal_error/error and the other error.* users\n")
			fmt.Fprintf(stdout, "  OneID people     janet, alix, gary (or cancel) on the identity page\n")
			if state != "" {
				fmt.Fprintf(stdout, "  state            %s (connections and sessions outlive this process)\n", state)
			}
			if g.clock.d != 0 {
				fmt.Fprintf(stdout, "  clock            %s ahead of real time\n", g.clock.d)
			}
			fmt.Fprintln(stdout)
			fmt.Fprintln(stderr, "Ctrl-C stops the sandbox.")
			<-cmd.Context().Done()
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:0", "address to listen on (HOST:PORT)")
	cmd.Flags().StringVar(&secret, "client-secret", "", "client secret the sandbox accepts (default: generated)")
	cmd.Flags().BoolVar(&reveal, "reveal-secret", false, "print the generated client secret")
	cmd.Flags().StringVar(&state, "state", "", "directory where the sandbox keeps its state (one file per provider), so connections and sessions outlive it")
	return cmd
}
