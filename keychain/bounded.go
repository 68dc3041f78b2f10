package keychain

import (
	"context"
	"time"
)

// DefaultTimeout bounds each OS keychain call when no timeout is given.
const DefaultTimeout = 3 * time.Second

// result carries a blocking call's outcome out of its goroutine.
type result[T any] struct {
	val T
	err error
}

// bounded runs fn in its own goroutine and stops waiting for it after timeout
// or when ctx is done, returning an error wrapping ErrTimeout. An abandoned fn
// keeps running until it returns on its own; its result is then dropped.
func bounded[T any](ctx context.Context, timeout time.Duration, fn func() (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, &timeoutError{cause: err}
	}
	done := make(chan result[T], 1) // buffered: an abandoned fn must not block forever on send
	go func() {
		v, err := fn()
		done <- result[T]{v, err}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.val, r.err
	case <-timer.C:
		return zero, &timeoutError{after: timeout}
	case <-ctx.Done():
		return zero, &timeoutError{cause: ctx.Err()}
	}
}

// orDefault returns d, or DefaultTimeout when d is not positive.
func orDefault(d time.Duration) time.Duration {
	if d <= 0 {
		return DefaultTimeout
	}
	return d
}
