// Command linkstep is a terminal UI for stepping through bank-link onboarding journeys
// (TrueLayer, OneID, Ivy) against an embedded sandbox or the providers' own hosts, with a
// headless twin of every journey for scripts.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	std := streams{stdout: os.Stdout, stderr: os.Stderr}
	if term.IsTerminal(os.Stdin.Fd()) {
		std.paste = os.Stdin
	}
	code := execute(ctx, os.Args[1:], std)
	stop()
	os.Exit(code)
}

// exitError carries the process exit code a command wants.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageError is a wrong flag or argument: exit code 2.
func usageError(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// streams are where a command reads and writes.
type streams struct {
	stdout, stderr io.Writer
	paste          io.Reader // a terminal the user can paste into; nil when stdin is not one
}

// execute runs the command line and returns the process exit code.
func execute(ctx context.Context, args []string, std streams) int {
	stderr := std.stderr
	root := newRootCommand(std)
	root.SetArgs(args)
	root.SetOut(std.stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil && ee.code != 0 && !errors.Is(ee.err, errReported) {
			fmt.Fprintln(stderr, "linkstep:", ee.err)
		}
		return ee.code
	}
	// Anything cobra itself refused (unknown command or flag) is a usage error.
	fmt.Fprintln(stderr, "linkstep:", err)
	return 2
}

// errReported marks an error whose message was already written for the user.
var errReported = errors.New("reported")

// globalFlags are the flags every command shares.
type globalFlags struct {
	env             string
	insecureStorage bool
	redirectURI     string
	timeout         timeoutFlag
	verbose         bool
}

func newRootCommand(std streams) *cobra.Command {
	g := &globalFlags{env: "embedded"}
	root := &cobra.Command{
		Use:           "linkstep",
		Short:         "Step through bank-link onboarding journeys in the terminal",
		Long:          "linkstep walks bank-link onboarding journeys (TrueLayer Signup+, ...) step by step:\npick a bank, review consent, open the auth link, catch the redirect, exchange the code,\nkeep the tokens in the OS keychain, choose the account, see the verified result.\n\nWith no configuration it runs against an embedded sandbox that emulates the providers.",
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runTUI(cmd.Context(), g, std.stderr)
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError("%v", err) })
	pf := root.PersistentFlags()
	pf.StringVar(&g.env, "env", g.env, "environment: embedded (in-process sandbox), sandbox or live")
	pf.BoolVar(&g.insecureStorage, "insecure-storage", false, "keep tokens in a 0600 file instead of the OS keychain")
	pf.StringVar(&g.redirectURI, "redirect-uri", "", "redirect URI registered with the provider (default: a loopback listener on a random port)")
	pf.Var(&g.timeout, "timeout", "how long to wait for the bank's redirect (default 10m)")
	pf.BoolVarP(&g.verbose, "verbose", "v", false, "print every HTTP exchange (secrets masked) to stderr")

	root.AddCommand(newRunCommand(g, std), newJourneysCommand(std.stdout), newSandboxCommand(std.stdout, std.stderr))
	return root
}
