// Command linkstep is a terminal UI for stepping through bank-link onboarding journeys
// (TrueLayer, OneID, Ivy) against an embedded sandbox or the providers' own hosts, with a
// headless twin of every journey for scripts.
package main

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/linkstep/linkstep/flows/headless"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	std := streams{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin}
	if term.IsTerminal(os.Stdin.Fd()) {
		std.paste = os.Stdin
	}
	os.Exit(execute(context.Background(), os.Args[1:], std))
}

// execute runs the command line and returns the process exit code. A failure is written once:
// a "linkstep: " line on stderr for people and, when the command's output is json (run's
// default), {"error": {"code", "description", ...}} on stdout for scripts (after a journey that
// succeeded, in the object of its result).
func execute(ctx context.Context, args []string, std streams) int {
	root := newRootCommand(std)
	stop := cancelOnInterrupt(root)
	defer stop()
	root.SetArgs(args)
	root.SetOut(std.stdout)
	root.SetErr(std.stderr)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	code := exitFailed // flags and arguments are refused as usage errors; anything else failed
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.exit
	}
	format := outputFormat(cmd, args)
	var after *failedAfterResult
	if errors.As(err, &after) {
		format = headless.Text // stdout holds the result, and in json the failure with it
	}
	headless.WriteFailure(std.stdout, std.stderr, err, format)
	return code
}

// cancelOnInterrupt makes an interrupt (Ctrl-C, SIGTERM) cancel the context of the command that
// runs, so that a run ends with its "interrupted" error and a sandbox shuts down cleanly. The
// handler is installed once a command is about to run, not at start: signal handling costs
// the process a thread, and --version and --help need none. The returned func removes it.
func cancelOnInterrupt(root *cobra.Command) func() {
	release := func() {}
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		ctx, cancel := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
		cmd.SetContext(ctx)
		release = cancel
		return nil
	}
	return func() { release() }
}

// newRootCommand is linkstep: the TUI, with run, journeys and sandbox beneath it.
func newRootCommand(std streams) *cobra.Command {
	g := &globalFlags{env: "embedded"}
	root := &cobra.Command{
		Use:           "linkstep",
		Short:         "Step through bank-link onboarding journeys in the terminal",
		Long:          "linkstep walks bank-link onboarding journeys (TrueLayer Signup+, ...) step by step:\npick a bank, review consent, open the auth link, catch the redirect, exchange the code,\nkeep the tokens in the OS keychain, choose the account, see the verified result.\n\nWith no configuration it runs against an embedded sandbox that emulates the providers.",
		Version:       buildVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTUI(cmd.Context(), g, std.stderr)
		},
	}
	root.SetFlagErrorFunc(flagError)
	pf := root.PersistentFlags()
	pf.StringVar(&g.env, "env", g.env, "environment: embedded (in-process sandbox), sandbox or live")
	pf.BoolVar(&g.insecureStorage, "insecure-storage", false, "keep tokens in a 0600 file instead of the OS keychain")
	pf.Var(&g.redirectURI, "redirect-uri", "redirect URI registered with the provider (default: a loopback listener on a random port)")
	pf.Var(&g.timeout, "timeout", "how long to wait for the bank's redirect (default 10m)")
	pf.BoolVarP(&g.verbose, "verbose", "v", false, "print every HTTP exchange (secrets masked) to stderr")
	pf.Var(&g.clock, "clock", "embedded sandbox: move its clock, e.g. +85d to see a consent about to expire (at most ±36500d)")
	pf.BoolVar(&g.presenter, "presenter", false, "the TUI masks personal data on screen (names, addresses, birth dates, emails, phones, account numbers) for demos in public (or $"+envPresenter+"=1)")
	pf.StringVar(&g.sandbox, "sandbox", "", "embedded environment: talk to the standalone 'linkstep sandbox' at this base URL instead of an in-process one (default $"+envSandbox+")")

	root.AddCommand(newRunCommand(g, std), newJourneysCommand(std.stdout), newSandboxCommand(g, std.stdout, std.stderr), newConnectionsCommand(g, std), newKeysCommand(g, std, std.stdin), newDoctorCommand(g, std))
	return root
}
