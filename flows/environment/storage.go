package environment

import (
	"context"
	"fmt"

	"github.com/linkstep/linkstep/keychain"
)

// CheckStorage checks, before any provider call, that what a journey writes can be written:
// the token store reads, parses and can take a new version of its file (the OS keychain is
// not probed beyond choosing the storage), and so can the connection index. The error names
// the file and the fix (a *keychain.FileError).
func (e *Env) CheckStorage(ctx context.Context) error {
	if err := keychain.Check(ctx, e.Storage); err != nil {
		return fmt.Errorf("the token store cannot be used: %w", err)
	}
	if err := e.Index.Check(); err != nil {
		return fmt.Errorf("the connection index cannot be used: %w", err)
	}
	return nil
}
