package keychain

import (
	"errors"
	"fmt"
	"time"
)

// MaxItemSize is the largest item, in bytes, that any Store accepts (Windows' cap, enforced everywhere).
const MaxItemSize = 2560

var (
	// ErrNotFound means no item is stored under the key.
	ErrNotFound = errors.New("not found")
	// ErrUnavailable means the storage backend cannot be used right now.
	ErrUnavailable = errors.New("keychain unavailable")
	// ErrTimeout means the storage backend did not answer in time; it also matches ErrUnavailable.
	ErrTimeout = fmt.Errorf("%w: timed out", ErrUnavailable)
	// ErrTooLarge means an item is larger than MaxItemSize.
	ErrTooLarge = errors.New("item too large")
	// ErrInsecureFile means a secrets file is readable or writable by others than its owner.
	ErrInsecureFile = errors.New("insecure secrets file")
	// ErrCorruptIndex means the connection index file cannot be parsed.
	ErrCorruptIndex = errors.New("corrupt connection index")
)

// unavailableError is a backend failure that makes the keychain unusable, with its cause.
type unavailableError struct{ cause error }

// Error reports the cause after the ErrUnavailable text.
func (e *unavailableError) Error() string { return ErrUnavailable.Error() + ": " + e.cause.Error() }

// Unwrap exposes both ErrUnavailable and the cause to errors.Is and errors.As.
func (e *unavailableError) Unwrap() []error { return []error{ErrUnavailable, e.cause} }

// timeoutError is a call abandoned after a timeout (cause nil) or because its context ended.
type timeoutError struct {
	after time.Duration
	cause error
}

// Error says how long it waited, or why it stopped waiting.
func (e *timeoutError) Error() string {
	if e.cause != nil {
		return ErrTimeout.Error() + ": " + e.cause.Error()
	}
	return fmt.Sprintf("%s after %s", ErrTimeout, e.after)
}

// Unwrap exposes ErrTimeout (and so ErrUnavailable) and the context's error, if any.
func (e *timeoutError) Unwrap() []error {
	if e.cause != nil {
		return []error{ErrTimeout, e.cause}
	}
	return []error{ErrTimeout}
}

// reason returns the most useful short text for why err made storage unavailable.
func reason(err error) string {
	var ge *guidanceError
	if errors.As(err, &ge) {
		return ge.Error() // the cause and what to do about it
	}
	var te *timeoutError
	if errors.As(err, &te) {
		if te.cause != nil {
			return "gave up waiting: " + te.cause.Error()
		}
		return fmt.Sprintf("no answer within %s", te.after)
	}
	var ue *unavailableError
	if errors.As(err, &ue) {
		return ue.cause.Error()
	}
	var fe *FileError
	if errors.As(err, &fe) {
		return fe.Error()
	}
	return err.Error()
}

// checkSize fails with ErrTooLarge when value is over MaxItemSize.
func checkSize(value string) error {
	if len(value) > MaxItemSize {
		return fmt.Errorf("%d bytes, over the %d-byte limit: %w", len(value), MaxItemSize, ErrTooLarge)
	}
	return nil
}
