package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/linkstep/linkstep/flows/headless"
)

// Process exit codes.
const (
	exitOK          = 0
	exitFailed      = 1   // the provider or the journey failed
	exitUsage       = 2   // a flag is missing or wrong
	exitInterrupted = 130 // Ctrl-C
)

// The codes of the failures the CLI finds itself, as scripts read them in {"error": {"code"}}.
const (
	codeUnknownCommand     = "unknown_command"     // no such (sub)command
	codeUnexpectedArgument = "unexpected_argument" // an argument the command does not take
	codeMissingArgument    = "missing_argument"    // the journey or connection id is missing
	codeInvalidArgument    = "invalid_argument"    // an argument that names nothing known
	codeUnknownFlag        = "unknown_flag"        // no such flag
	codeInvalidFlag        = "invalid_flag"        // a flag's value, or the flag here, is wrong
	codeMissingFlag        = "missing_flag"        // a flag another flag needs
	codeMissingInput       = "missing_input"       // nothing on stdin where a secret was expected
	codeExportFailed       = "export_failed"       // --report or --har could not be written
	codeInterrupted        = "interrupted"         // Ctrl-C
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
	sandbox         string // --sandbox URL; empty: LINKSTEP_SANDBOX, or the in-process sandbox
	insecureStorage bool
	redirectURI     redirectURIFlag
	timeout         timeoutFlag
	clock           clockFlag
	verbose         bool
	presenter       bool // --presenter: the TUI masks personal data on screen
}

// exitError carries the process exit code a command wants and, for scripts, what went wrong:
// a code, and the flag that would fix it with the values it accepts. Where they are empty, the
// wrapped error's own (an environment's usage error, a journey's failure) are reported.
type exitError struct {
	exit  int
	code  string
	flag  string
	valid []string
	err   error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// coded and flagged are what errors offer to be reported for scripts (headless.Describe).
type (
	coded   interface{ ErrorCode() string }
	flagged interface {
		ErrorFlag() string
		ErrorValid() []string
	}
)

// ErrorCode is the machine-readable reason.
func (e *exitError) ErrorCode() string {
	if e.code != "" {
		return e.code
	}
	var c coded
	if errors.As(e.err, &c) {
		return c.ErrorCode()
	}
	if e.exit == exitUsage {
		return "usage_error"
	}
	return "error"
}

// ErrorDescription is the reason in words.
func (e *exitError) ErrorDescription() string { return e.err.Error() }

// ErrorFlag is the flag that would fix it, or "".
func (e *exitError) ErrorFlag() string {
	if e.flag != "" {
		return e.flag
	}
	var f flagged
	if errors.As(e.err, &f) {
		return f.ErrorFlag()
	}
	return ""
}

// ErrorValid are the values the flag (or argument) accepts, or nil.
func (e *exitError) ErrorValid() []string {
	if e.valid != nil {
		return e.valid
	}
	var f flagged
	if errors.As(e.err, &f) {
		return f.ErrorValid()
	}
	return nil
}

// usageError is a wrong flag or argument: exit code 2, with the code scripts read.
func usageError(code, format string, args ...any) *exitError {
	return &exitError{exit: exitUsage, code: code, err: fmt.Errorf(format, args...)}
}

// forFlag names the flag that would fix e and the values it accepts.
func (e *exitError) forFlag(flag string, valid ...string) *exitError {
	e.flag = flag
	if len(valid) > 0 {
		e.valid = valid
	}
	return e
}

// withValid names the values an argument accepts.
func (e *exitError) withValid(valid []string) *exitError {
	e.valid = valid
	return e
}

// noArgs refuses arguments as a usage error (exit 2), naming what was not understood.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		if cmd.HasSubCommands() {
			var names []string
			for _, c := range cmd.Commands() {
				if c.IsAvailableCommand() {
					names = append(names, c.Name())
				}
			}
			return usageError(codeUnknownCommand, "unknown command %q for %q; see '%s --help'", args[0], cmd.CommandPath(), cmd.CommandPath()).withValid(names)
		}
		return usageError(codeUnexpectedArgument, "%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}

// flagError turns what the flag parser refused into a usage error naming the flag.
func flagError(_ *cobra.Command, err error) error {
	var notExist *pflag.NotExistError
	var invalid *pflag.InvalidValueError
	var needsValue *pflag.ValueRequiredError
	switch {
	case errors.As(err, &notExist):
		name := "--" + notExist.GetSpecifiedName()
		if notExist.GetSpecifiedShortnames() != "" {
			name = "-" + notExist.GetSpecifiedName()
		}
		return usageError(codeUnknownFlag, "%v", err).forFlag(name)
	case errors.As(err, &invalid):
		var valid []string
		if v, ok := invalid.GetFlag().Value.(interface{ Valid() []string }); ok {
			valid = v.Valid()
		}
		return usageError(codeInvalidFlag, "%v", err).forFlag("--"+invalid.GetFlag().Name, valid...)
	case errors.As(err, &needsValue):
		return usageError(codeInvalidFlag, "%v", err).forFlag("--" + needsValue.GetFlag().Name)
	}
	return usageError(codeInvalidFlag, "%v", err)
}

// outputFormat is the format a failure of cmd is reported in: the command's --output (json
// for run unless told otherwise); text for commands without one. When parsing stopped before
// --output, the value is looked for in the arguments.
func outputFormat(cmd *cobra.Command, args []string) headless.Format {
	if cmd == nil {
		return headless.Text
	}
	f := cmd.Flag("output")
	if f == nil {
		return headless.Text
	}
	format, ok := f.Value.(*headless.Format)
	if !ok {
		return headless.Text
	}
	if !f.Changed {
		if v, found := flagInArgs(args, "output"); found {
			var given headless.Format
			if given.Set(v) == nil {
				return given
			}
		}
	}
	return *format
}

// flagInArgs finds the last value of --name in args (as --name v or --name=v), up to "--".
func flagInArgs(args []string, name string) (value string, found bool) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return value, found
		case a == "--"+name && i+1 < len(args):
			value, found = args[i+1], true
			i++
		case strings.HasPrefix(a, "--"+name+"="):
			value, found = strings.TrimPrefix(a, "--"+name+"="), true
		}
	}
	return value, found
}
