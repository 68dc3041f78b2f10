package keychain

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// File keeps items in plaintext as a JSON object in a 0600 file; use it only when the user
// asked for insecure storage. Several processes may share the file: every read-modify-write
// holds a cross-process lock on "<path>.lock" (waiting at most DefaultLockTimeout, then failing
// with ErrBusy), and every write replaces the file atomically, so no item is lost and readers
// never see a partial file.
type File struct {
	path  string
	label string // what Describe says of it
	lock  *fileLock
}

var _ Store = (*File)(nil)

// insecureLabel is what Describe says of a file the user asked for (NewFile).
const insecureLabel = "insecure"

// NewFile returns a Store backed by the JSON file at path, created 0600 (directory 0700) on first Set.
func NewFile(path string) *File {
	return NewLabelledFile(path, insecureLabel)
}

// InInsecureFile reports whether storage, a Store's Describe as a connection recorded it, is
// a plaintext file the user asked for (NewFile, --insecure-storage).
func InInsecureFile(storage string) bool {
	return strings.HasPrefix(storage, "file ") && strings.HasSuffix(storage, " ("+insecureLabel+")")
}

// NewLabelledFile is NewFile with what the file holds said in Describe, e.g. "embedded sandbox
// tokens only".
func NewLabelledFile(path, label string) *File {
	return &File{path: path, label: label, lock: &fileLock{path: path}}
}

// Get returns the item under key, or ErrNotFound (also when the file does not exist yet). It
// takes no lock: writes replace the file atomically, so it reads one whole version.
func (f *File) Get(ctx context.Context, key string) (string, error) {
	items, err := f.load(ctx)
	if err != nil {
		return "", fmt.Errorf("file get %q: %w", key, err)
	}
	v, ok := items[key]
	if !ok {
		return "", fmt.Errorf("file get %q: %w", key, ErrNotFound)
	}
	return v, nil
}

// Set stores value under key and rewrites the file atomically, holding the file's lock;
// values over MaxItemSize fail with ErrTooLarge.
func (f *File) Set(ctx context.Context, key, value string) error {
	if err := checkSize(value); err != nil {
		return fmt.Errorf("file set %q: %w", key, err)
	}
	err := f.lock.with(ctx, func() error {
		items, err := f.load(ctx)
		if err != nil {
			return err
		}
		items[key] = value
		return f.save(items)
	})
	if err != nil {
		return fmt.Errorf("file set %q: %w", key, err)
	}
	return nil
}

// Delete removes the item under key and rewrites the file atomically, holding the file's lock;
// an absent key is not an error and leaves the file (and its directory) untouched.
func (f *File) Delete(ctx context.Context, key string) error {
	items, err := f.load(ctx)
	if err != nil {
		return fmt.Errorf("file delete %q: %w", key, err)
	}
	if _, ok := items[key]; !ok {
		return nil // absent now; a concurrent Set may add it after, as if it came later
	}
	err = f.lock.with(ctx, func() error {
		items, err := f.load(ctx) // again, under the lock
		if err != nil {
			return err
		}
		if _, ok := items[key]; !ok {
			return nil
		}
		delete(items, key)
		return f.save(items)
	})
	if err != nil {
		return fmt.Errorf("file delete %q: %w", key, err)
	}
	return nil
}

// Describe names the file, with the home directory shortened to ~, and says it is insecure.
func (f *File) Describe() string {
	return "file " + tildePath(f.path) + " (" + f.label + ")"
}

// load reads the items, refusing a file whose mode is wider than 0600; a missing or empty file
// holds no items, one that cannot be read or parsed is a *FileError.
func (f *File) load(ctx context.Context) (map[string]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	items := make(map[string]string)
	info, err := os.Stat(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return items, nil
	}
	if err != nil {
		return nil, unreadable(f.path, err)
	}
	if info.IsDir() {
		return nil, &FileError{Path: f.path, Problem: "is a directory, not a file of items", Fix: "move it aside: mv " + f.path + " " + f.path + ".bak", Err: fs.ErrInvalid}
	}
	if err := checkMode(f.path, info.Mode()); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(f.path)
	if err != nil {
		return nil, unreadable(f.path, err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return items, nil
	}
	if err := json.Unmarshal(data, &items); err != nil {
		return nil, Unparsable(f.path, "is not a JSON object of items", err, "the tokens in it are lost then: connect again")
	}
	return items, nil
}

// save writes the items atomically as indented JSON.
func (f *File) save(items map[string]string) error {
	data, err := json.MarshalIndent(items, "", "  ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", f.path, err)
	}
	return writeFileAtomic(f.path, append(data, '\n'))
}

// checkMode fails with ErrInsecureFile when mode grants anything beyond owner read and write.
func checkMode(path string, mode fs.FileMode) error {
	if runtime.GOOS == "windows" {
		return nil // Unix permission bits mean nothing there; the user profile ACL protects the file.
	}
	if perm := mode.Perm(); perm&^0o600 != 0 {
		return fmt.Errorf("%w: %s has mode %04o, wider than 0600; run: chmod 600 %s", ErrInsecureFile, path, perm, path)
	}
	return nil
}

// tildePath shortens a path under the home directory to start with ~.
func tildePath(path string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return path
	}
	rel, err := filepath.Rel(home, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return filepath.Join("~", rel)
}
