package kit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// StateFile is a JSON file in which a provider sandbox keeps state across restarts. Save
// replaces it atomically (a temporary file in the same directory, written, synced, then
// renamed over it), so a reader sees the old file or the new one, never half of one; the
// file is 0600 and a directory Save creates is 0700.
type StateFile struct {
	Path string
}

// Load decodes the file into v. found is false, and v untouched, when there is no file; a file
// that cannot be read, or is not exactly one JSON value that decodes into v, is an error
// naming the file.
func (f StateFile) Load(v any) (found bool, err error) {
	data, err := os.ReadFile(f.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read state file: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		return true, fmt.Errorf("state file %s is not valid JSON: %w", f.Path, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return true, fmt.Errorf("state file %s has data after its JSON value", f.Path)
	}
	return true, nil
}

// Save writes v as indented JSON in place of the file, atomically.
func (f StateFile) Save(v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("encode state: %w", err)
	}
	return WriteFileAtomic(f.Path, append(data, '\n'))
}

// WriteFileAtomic replaces the file at path with data so that a reader sees the old file or
// the new one, never half of one: a temporary file in the same directory, written, synced and
// renamed over it. The file is 0600; a directory it creates is 0700.
func WriteFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create the state directory: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*") // 0600
	if err != nil {
		return fmt.Errorf("write state file: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("write state file: %w", err)
	}
	if err := tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("write state file: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write state file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write state file: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write state file: %w", err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes a rename in dir durable where the system allows syncing a directory.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync() // not supported everywhere (Windows); the rename itself already happened
	_ = d.Close()
}
