package kit

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"
)

// lockRetry is how often LockFile tries again while another process holds the lock.
const lockRetry = 5 * time.Millisecond

// LockFile takes the cross-process advisory lock of the state file at path (on path+".lock",
// 0600, never removed) and returns its release; several sandboxes sharing one state file take
// turns to read, merge and write it. It gives up after timeout with an error naming the file.
func LockFile(path string, timeout time.Duration) (unlock func(), err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create the state directory: %w", err)
	}
	l := flock.New(path+".lock", flock.SetPermissions(0o600))
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	ok, err := l.TryLockContext(ctx, lockRetry)
	switch {
	case errors.Is(err, context.DeadlineExceeded) || err == nil && !ok:
		return nil, fmt.Errorf("another sandbox is using %s: try again (waited %s)", path, timeout)
	case err != nil:
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return func() { _ = l.Unlock() }, nil
}
