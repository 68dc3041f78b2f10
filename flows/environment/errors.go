package environment

import "fmt"

// UsageError is something the user asked for that cannot work as asked: an unknown
// environment or journey, missing credentials, a redirect URI that cannot be used. The CLI
// reports it with exit code 2.
type UsageError struct{ Err error }

// Error returns the reason, which names what to change.
func (e *UsageError) Error() string { return e.Err.Error() }

// Unwrap returns the reason.
func (e *UsageError) Unwrap() error { return e.Err }

// usage makes a *UsageError from a message.
func usage(format string, args ...any) *UsageError {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}
