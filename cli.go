package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// Process exit codes.
const (
	exitOK          = 0
	exitFailed      = 1   // the provider or the journey failed
	exitUsage       = 2   // a flag is missing or wrong
	exitInterrupted = 130 // Ctrl-C
)

// streams are where a command reads and writes.
type streams struct {
	stdout, stderr io.Writer
	stdin          io.Reader // where a secret is read from (keys set)
	paste          io.Reader // a terminal the user can paste into; nil when stdin is not one
}

// globalFlags are the flags every command shares.
type globalFlags struct {
	env             string
	insecureStorage bool
	redirectURI     string
	timeout         timeoutFlag
	clock           clockFlag
	verbose         bool
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
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// errReported marks an error whose message was already written for the user.
var errReported = errors.New("reported")

// noArgs refuses arguments as a usage error (exit 2), naming what was not understood.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		if cmd.HasSubCommands() {
			return usageError("unknown command %q for %q; see '%s --help'", args[0], cmd.CommandPath(), cmd.CommandPath())
		}
		return usageError("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}
