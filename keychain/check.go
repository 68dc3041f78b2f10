package keychain

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// FileError is a file linkstep keeps (a token file, the connection index) that it cannot read
// or write: which file, what is wrong with it and what to do. What the file holds may all
// still be there; nothing was changed.
type FileError struct {
	Path    string // the file
	Problem string // what is wrong, e.g. "cannot be read: permission denied"
	Fix     string // what to do, e.g. "chmod 600 ~/.config/linkstep/secrets.json"
	Err     error  // the cause
}

// Error names the file, the problem and the fix.
func (e *FileError) Error() string { return e.Path + " " + e.Problem + "; " + e.Fix }

// Unwrap returns the cause.
func (e *FileError) Unwrap() error { return e.Err }

// unreadable is the FileError of a file that exists but cannot be read.
func unreadable(path string, err error) *FileError {
	return &FileError{Path: path, Problem: "cannot be read: " + causeOf(err), Fix: "make it yours and readable: chmod 600 " + path + " (and chown it to you)", Err: err}
}

// Unparsable is the FileError of a file that is not the JSON it should be; problem says
// what it is instead ("is not a JSON object of items") and consequence what moving it aside
// costs. A syntax error is told by its offset: the file's text is never quoted.
func Unparsable(path, problem string, err error, consequence string) *FileError {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		problem += fmt.Sprintf(": not valid JSON (at byte %d)", se.Offset)
	} else {
		problem += ": " + err.Error()
	}
	return &FileError{Path: path, Problem: problem, Fix: "fix it by hand, or move it aside: mv " + path + " " + path + ".bak (" + consequence + ")", Err: err}
}

// causeOf is the cause of an operation on a path without the path again ("permission denied").
func causeOf(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// checker is a Store that can tell cheaply whether its items can be read and written.
type checker interface {
	Check(ctx context.Context) error
}

// Check tells whether s can read and write its items, where s can tell without a slow probe:
// a File (or an Auto that chose one) reads and parses its file and checks a new version can
// be written beside it. Other stores pass: the OS keychain's availability is what Auto's
// probe decided. The error is a *FileError naming the file and the fix.
func Check(ctx context.Context, s Store) error {
	if c, ok := s.(checker); ok {
		return c.Check(ctx)
	}
	return nil
}

// Check reads and parses the file and checks that a new version can be written as Set writes
// one (a temp file in its directory, and its lock file); it changes nothing the file holds.
func (f *File) Check(ctx context.Context) error {
	if _, err := f.load(ctx); err != nil {
		return err
	}
	return checkWritable(f.path)
}

// Check decides the storage (as Probe does) and checks the chosen one with Check: a file is
// read and checked for writing, the OS keychain is not probed again.
func (a *Auto) Check(ctx context.Context) error {
	c, err := a.decide(ctx)
	if err != nil {
		return err
	}
	return Check(ctx, c.store)
}

// Check reads and parses the index file and checks that a new version can be written as
// Upsert writes one; it changes nothing the index holds.
func (ix *Index) Check() error {
	if _, err := ix.load(); err != nil {
		return err
	}
	return checkWritable(ix.path)
}

// checkWritable checks that path can be replaced as writeFileAtomic and fileLock replace it:
// its directory made (0700) when missing, a temp file created in it (and removed), and the
// lock file opened for writing. It leaves the directory and the lock file, as a write would.
func checkWritable(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return &FileError{Path: path, Problem: "cannot be written: its directory cannot be made: " + causeOf(err), Fix: "make " + filepath.Dir(dir) + " yours and writable", Err: err}
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return &FileError{Path: path, Problem: "cannot be written: its directory " + dir + " takes no new file: " + causeOf(err), Fix: "make the directory yours and writable: chmod 700 " + dir + " (and chown it to you)", Err: err}
	}
	_ = tmp.Close()
	_ = os.Remove(tmp.Name())
	lock, err := os.OpenFile(path+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return &FileError{Path: path, Problem: "cannot be written: its lock file cannot be opened: " + causeOf(err), Fix: "make it yours and writable: chmod 600 " + path + ".lock (and chown it to you)", Err: err}
	}
	return lock.Close()
}
