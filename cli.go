package main

import (
	"errors"
	"fmt"
	"io"
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
