package keychain

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"sync"
	"time"
)

// Connection is one linked connection as listed in the index; it holds no tokens or secrets.
type Connection struct {
	Provider         string    `json:"provider"`
	Environment      string    `json:"environment"`
	ID               string    `json:"id"`
	Bank             string    `json:"bank,omitempty"`
	Created          time.Time `json:"created,omitzero"`
	ConsentExpiresAt time.Time `json:"consent_expires_at,omitzero"`
	Scopes           []string  `json:"scopes,omitempty"`
	Storage          string    `json:"storage,omitempty"`
	// Details are what else identifies the connection at its provider (an Ivy session's
	// external user and market); never a secret.
	Details map[string]string `json:"details,omitempty"`
}

// Key returns the key that identifies the connection in the index and in a Store.
func (c Connection) Key() ConnectionKey {
	return ConnectionKey{Provider: c.Provider, Environment: c.Environment, ID: c.ID}
}

// indexFile is the on-disk shape of the index.
type indexFile struct {
	Connections []Connection `json:"connections"`
}

// Index is the non-secret list of connections kept in a JSON file (0600, directory 0700).
// The file lists only connections whose tokens outlive the process: a connection whose Storage
// is MemoryStorage is kept in this Index value only, for the rest of the session, and never
// written (another run could not find its tokens); List leaves out any such entry an older
// linkstep wrote to the file, and the next Upsert drops it. Several processes may share the
// file: every read-modify-write holds a cross-process lock on "<path>.lock" (waiting at most
// DefaultLockTimeout, then failing with ErrBusy) and every write replaces the file atomically.
type Index struct {
	path       string
	lock       *fileLock
	mu         sync.Mutex              // guards session and unrecorded
	session    []Connection            // memory-only connections of this process
	changes    int                     // how often session changed, for Stamp
	unrecorded map[ConnectionKey]error // connections Upsert could not write, and why
}

// OpenIndex returns the index stored at path; the file need not exist yet.
func OpenIndex(path string) *Index {
	return &Index{path: path, lock: &fileLock{path: path}}
}

// Stamp changes whenever what List returns may have changed, in this process or another: the
// file's modification time and size, and this process's memory-only changes. It reads no file.
func (ix *Index) Stamp() string {
	ix.mu.Lock()
	changes := ix.changes
	ix.mu.Unlock()
	fi, err := os.Stat(ix.path)
	if err != nil {
		return fmt.Sprintf("none/%d", changes)
	}
	return fmt.Sprintf("%d/%d/%d", fi.ModTime().UnixNano(), fi.Size(), changes)
}

// Path returns the index file's path.
func (ix *Index) Path() string { return ix.path }

// Upsert adds c or replaces the connection with the same key; a zero Created keeps the stored
// one. A memory-only connection (Storage is MemoryStorage) is kept for this session only,
// never in the file.
func (ix *Index) Upsert(c Connection) error {
	if err := c.Key().validate(); err != nil {
		return fmt.Errorf("upsert connection: %w", err)
	}
	if memoryOnly(c) {
		ix.mu.Lock()
		ix.session = upsertInto(ix.session, c)
		ix.changes++
		ix.mu.Unlock()
		return nil
	}
	err := ix.lock.with(context.Background(), func() error {
		conns, err := ix.load()
		if err != nil {
			return err
		}
		conns = slices.DeleteFunc(conns, memoryOnly) // an older linkstep's dead entries go too
		return ix.save(upsertInto(conns, c))
	})
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if err != nil {
		err = fmt.Errorf("upsert connection %s: %w", c.Key(), err)
		if ix.unrecorded == nil {
			ix.unrecorded = make(map[ConnectionKey]error)
		}
		ix.unrecorded[c.Key()] = err
		return err
	}
	delete(ix.unrecorded, c.Key())
	ix.session = slices.DeleteFunc(ix.session, func(old Connection) bool { return old.Key() == c.Key() })
	ix.changes++
	return nil
}

// Unrecorded says which connections this Index could not write to its file, and why: nil
// when every Upsert succeeded (a later successful Upsert of the same connection, or its
// Remove, clears its failure). A front-end checks it after a journey, whose tokens are stored
// by then: a connection the index does not list cannot be found again.
func (ix *Index) Unrecorded() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	keys := slices.SortedFunc(maps.Keys(ix.unrecorded), func(a, b ConnectionKey) int { return cmp.Compare(a.String(), b.String()) })
	errs := make([]error, 0, len(keys))
	for _, k := range keys {
		errs = append(errs, ix.unrecorded[k])
	}
	return errors.Join(errs...)
}

// upsertInto adds c to conns or replaces the one with the same key, keeping its Created when
// c has none.
func upsertInto(conns []Connection, c Connection) []Connection {
	i := slices.IndexFunc(conns, func(old Connection) bool { return old.Key() == c.Key() })
	switch {
	case i < 0:
		return append(conns, c)
	case c.Created.IsZero():
		c.Created = conns[i].Created
	}
	conns[i] = c
	return conns
}

// List returns the connections, newest first: those in the file whose tokens can still be
// found, and this session's memory-only ones; a missing file is an empty list. It takes no
// lock: writes replace the file atomically.
func (ix *Index) List() ([]Connection, error) {
	conns, err := ix.load()
	if err != nil {
		return nil, fmt.Errorf("list connections: %w", err)
	}
	conns = slices.DeleteFunc(conns, memoryOnly)
	ix.mu.Lock()
	for _, c := range ix.session {
		conns = slices.DeleteFunc(conns, func(old Connection) bool { return old.Key() == c.Key() })
		conns = append(conns, c)
	}
	ix.mu.Unlock()
	slices.SortStableFunc(conns, func(a, b Connection) int {
		if c := b.Created.Compare(a.Created); c != 0 {
			return c
		}
		return cmp.Compare(a.Key().String(), b.Key().String())
	})
	return conns, nil
}

// Remove deletes the connection with key k; removing an absent connection is not an error and
// leaves the file (and its directory) untouched.
func (ix *Index) Remove(k ConnectionKey) error {
	same := func(c Connection) bool { return c.Key() == k }
	conns, err := ix.load()
	if err != nil {
		return fmt.Errorf("remove connection %s: %w", k, err)
	}
	ix.mu.Lock()
	ix.session = slices.DeleteFunc(ix.session, same)
	ix.changes++
	delete(ix.unrecorded, k)
	ix.mu.Unlock()
	if !slices.ContainsFunc(conns, same) {
		return nil // nothing matched: leave the file untouched
	}
	err = ix.lock.with(context.Background(), func() error {
		conns, err := ix.load() // again, under the lock
		if err != nil {
			return err
		}
		n := len(conns)
		kept := slices.DeleteFunc(conns, same)
		if len(kept) == n {
			return nil
		}
		return ix.save(kept)
	})
	if err != nil {
		return fmt.Errorf("remove connection %s: %w", k, err)
	}
	return nil
}

// memoryOnly reports whether c's tokens were kept in memory only, and so are gone.
func memoryOnly(c Connection) bool { return c.Storage == MemoryStorage }

// load reads the connections; a missing or empty file is an empty index, one that cannot be
// read is a *FileError, an unparsable one a *FileError matching ErrCorruptIndex.
func (ix *Index) load() ([]Connection, error) {
	data, err := os.ReadFile(ix.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, unreadable(ix.path, err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil
	}
	var f indexFile
	if err := json.Unmarshal(data, &f); err != nil {
		fe := Unparsable(ix.path, "is a corrupt connection index", err, "linkstep starts a new index; the tokens stay where they are, unlisted")
		fe.Err = fmt.Errorf("%w: %w", ErrCorruptIndex, err)
		return nil, fe
	}
	return f.Connections, nil
}

// save writes the connections atomically as indented JSON.
func (ix *Index) save(conns []Connection) error {
	if conns == nil {
		conns = []Connection{}
	}
	data, err := json.MarshalIndent(indexFile{Connections: conns}, "", "  ")
	if err != nil {
		return fmt.Errorf("encode %s: %w", ix.path, err)
	}
	return writeFileAtomic(ix.path, append(data, '\n'))
}
