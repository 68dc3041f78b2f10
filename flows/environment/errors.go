package environment

import "fmt"

// UsageError is something the user asked for that cannot work as asked: an unknown
// environment or journey, missing credentials, a redirect URI that cannot be used. The CLI
// reports it with exit code 2; Code, Flag and Valid say it for scripts.
type UsageError struct {
	Err error
	// Code is the machine-readable reason, one of the Code constants; empty means CodeUsage.
	Code string
	// Flag is the flag that would fix it, when one would; Valid are the values it accepts,
	// when they are few.
	Flag  string
	Valid []string
}

// The reasons of usage errors.
const (
	CodeUsage              = "usage_error"         // anything else the user must change
	CodeInvalidFlag        = "invalid_flag"        // a flag's value cannot be used
	CodeUnknownJourney     = "unknown_journey"     // no journey has the id
	CodeMissingCredentials = "missing_credentials" // a provider has no credentials here
	CodeInvalidConfig      = "invalid_config"      // the config file cannot be used
	CodeSandboxUnreachable = "sandbox_unreachable" // no linkstep sandbox answers at --sandbox
)

// Error returns the reason, which names what to change.
func (e *UsageError) Error() string { return e.Err.Error() }

// Unwrap returns the reason.
func (e *UsageError) Unwrap() error { return e.Err }

// ErrorCode returns the machine-readable reason.
func (e *UsageError) ErrorCode() string {
	if e.Code == "" {
		return CodeUsage
	}
	return e.Code
}

// ErrorDescription returns the reason in words.
func (e *UsageError) ErrorDescription() string { return e.Err.Error() }

// ErrorFlag returns the flag that would fix it, or "".
func (e *UsageError) ErrorFlag() string { return e.Flag }

// ErrorValid returns the values the flag accepts, or nil.
func (e *UsageError) ErrorValid() []string { return e.Valid }

// usage makes a *UsageError with a code from a message.
func usage(code, format string, args ...any) *UsageError {
	return &UsageError{Code: code, Err: fmt.Errorf(format, args...)}
}
