package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/linkstep/linkstep/flows/environment"
	"github.com/linkstep/linkstep/keychain"
)

// codeStorageUnusable is the code of a token store or connection index that cannot be read or
// written (exit 1): before any provider call, or after a journey whose connection the index
// could not record.
const codeStorageUnusable = "storage_unusable"

// checkStorage refuses to start what writes tokens or the index when either cannot be read or
// written: a run would otherwise sign in at the bank and exchange the code, and then lose the
// tokens it could not keep.
func checkStorage(ctx context.Context, env *environment.Env) error {
	if err := env.Parts.Common.CheckStorage(ctx); err != nil {
		return &exitError{exit: exitFailed, code: codeStorageUnusable, err: fmt.Errorf("not started, %w", err)}
	}
	return nil
}

// asStorageFailure gives a failure a file linkstep keeps caused (the token file, the index)
// the storage_unusable code; other failures pass unchanged.
func asStorageFailure(err error) error {
	var fe *keychain.FileError
	if errors.As(err, &fe) {
		return &exitError{exit: exitFailed, code: codeStorageUnusable, err: err}
	}
	return err
}

// checkUnrecorded fails a journey whose connection the index could not record (it broke during
// the run): its tokens are kept, but no list would ever show them.
func checkUnrecorded(env *environment.Env) error {
	if err := env.Index.Unrecorded(); err != nil {
		return &exitError{exit: exitFailed, code: codeStorageUnusable, err: fmt.Errorf("the connection was made and its tokens are kept in %s, but the connection index could not record it, so 'linkstep connections' will not list it: %w", env.Storage.Describe(), err)}
	}
	return nil
}

// checkDestinations refuses, before anything is opened, a --har or --report file that could
// not be written at the end of the run: its directory must exist and take the file, and the
// file must not be a directory.
func checkDestinations(out headlessOutput) error {
	for _, d := range []struct{ flag, path string }{{"--har", out.exports.har}, {"--report", out.report}} {
		if d.path == "" {
			continue
		}
		if err := checkDestination(d.path); err != nil {
			return usageError(codeInvalidFlag, "%s %s: %v", d.flag, d.path, err).forFlag(d.flag)
		}
	}
	return nil
}

// checkDestination says why path cannot be written, or nil. It opens an existing file for
// writing without truncating it, and creates (then removes) a missing one: the very file the
// run writes, nothing beside it.
func checkDestination(path string) error {
	dir := filepath.Dir(path)
	switch info, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("directory %s does not exist", dir)
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%s is not a directory", dir)
	}
	info, err := os.Stat(path)
	switch {
	case err == nil && info.IsDir():
		return errors.New("is a directory; name a file in it")
	case err == nil:
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("cannot be written: %w", errors.Unwrap(err))
		}
		return f.Close()
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("cannot be created in %s: %w", dir, errors.Unwrap(err))
	}
	_ = f.Close()
	return os.Remove(path)
}
