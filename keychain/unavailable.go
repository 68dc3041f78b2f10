package keychain

import (
	"context"
	"fmt"
)

// guidance tells the user how to get somewhere to keep tokens when the OS keychain is unavailable.
const guidance = "unlock your keychain / start a Secret Service, or pass --insecure-storage to keep tokens in a 0600 file"

// unavailable is the Store Auto uses when nothing can keep secrets: every call fails with guidance.
type unavailable struct{ cause error }

// Get fails with ErrUnavailable and the guidance.
func (u unavailable) Get(ctx context.Context, key string) (string, error) {
	return "", fmt.Errorf("keychain get %q: %w", key, u.err())
}

// Set fails with ErrUnavailable and the guidance.
func (u unavailable) Set(ctx context.Context, key, value string) error {
	return fmt.Errorf("keychain set %q: %w", key, u.err())
}

// Delete fails with ErrUnavailable and the guidance.
func (u unavailable) Delete(ctx context.Context, key string) error {
	return fmt.Errorf("keychain delete %q: %w", key, u.err())
}

// Describe says nothing can keep tokens.
func (u unavailable) Describe() string { return "none: OS keychain unavailable, tokens not saved" }

// err explains the failure and what to do about it.
func (u unavailable) err() error { return &guidanceError{cause: u.cause} }

// guidanceError says why nothing can keep tokens and what the user can do; it wraps the cause.
type guidanceError struct{ cause error }

// Error gives the reason and the guidance.
func (e *guidanceError) Error() string {
	return fmt.Sprintf("OS keychain unavailable (%s): %s", reason(e.cause), guidance)
}

// Unwrap returns the cause, which matches ErrUnavailable.
func (e *guidanceError) Unwrap() error { return e.cause }
