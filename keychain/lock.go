package keychain

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gofrs/flock"
)

// DefaultLockTimeout bounds how long a read-modify-write of the file store or the index waits
// for another linkstep process to finish with the file.
const DefaultLockTimeout = 10 * time.Second

// lockRetry is how often a lock held by another process is tried again.
const lockRetry = 5 * time.Millisecond

// ErrBusy means another process held a file's lock for longer than the lock timeout.
var ErrBusy = errors.New("file busy")

// busyError says which file another process kept busy, and for how long it was waited on.
type busyError struct {
	path   string
	waited time.Duration
}

// Error tells the user to try again.
func (e *busyError) Error() string {
	return fmt.Sprintf("another linkstep is using %s; try again (waited %s for it)", e.path, e.waited)
}

// Unwrap exposes ErrBusy to errors.Is.
func (e *busyError) Unwrap() error { return ErrBusy }

// fileLock serialises read-modify-writes of one file: within the process with a mutex, and
// across processes with an advisory lock (flock) on the sibling file "<path>.lock", which is
// never removed (removing it would let two processes lock two different files). The kernel
// drops the advisory lock when its process dies, so a crash leaves nothing stale behind.
type fileLock struct {
	path    string        // the file guarded
	timeout time.Duration // zero means DefaultLockTimeout
	mu      sync.Mutex    // within this process (some platforms' advisory locks are per process)
}

// with runs fn holding the lock, creating the directory (0700) and the lock file (0600) when
// missing. It waits at most the lock timeout for another process, then fails with ErrBusy; it
// stops waiting when ctx ends.
func (l *fileLock) with(ctx context.Context, fn func() error) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	dir := filepath.Dir(l.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create directory %s: %w", dir, err)
	}
	timeout := l.timeout
	if timeout <= 0 {
		timeout = DefaultLockTimeout
	}
	lock := flock.New(l.path+".lock", flock.SetPermissions(0o600))
	defer func() { _ = lock.Close() }() // Close unlocks
	waitCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	ok, err := lock.TryLockContext(waitCtx, lockRetry)
	switch {
	case ok && err == nil:
	case ctx.Err() != nil:
		return fmt.Errorf("wait for the lock on %s: %w", l.path, ctx.Err())
	case waitCtx.Err() != nil:
		return &busyError{path: l.path, waited: timeout}
	case err != nil:
		return fmt.Errorf("lock %s: %w", l.path, err)
	default:
		return fmt.Errorf("lock %s: not taken", l.path)
	}
	return fn()
}
