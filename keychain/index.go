package keychain

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
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
type Index struct {
	path string
	mu   sync.Mutex // serialises read-modify-write within this process
}

// OpenIndex returns the index stored at path; the file need not exist yet.
func OpenIndex(path string) *Index {
	return &Index{path: path}
}

// Path returns the index file's path.
func (ix *Index) Path() string { return ix.path }

// Upsert adds c or replaces the connection with the same key; a zero Created keeps the stored one.
func (ix *Index) Upsert(c Connection) error {
	if err := c.Key().validate(); err != nil {
		return fmt.Errorf("upsert connection: %w", err)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	conns, err := ix.load()
	if err != nil {
		return fmt.Errorf("upsert connection %s: %w", c.Key(), err)
	}
	i := slices.IndexFunc(conns, func(old Connection) bool { return old.Key() == c.Key() })
	switch {
	case i < 0:
		conns = append(conns, c)
	case c.Created.IsZero():
		c.Created = conns[i].Created
		conns[i] = c
	default:
		conns[i] = c
	}
	if err := ix.save(conns); err != nil {
		return fmt.Errorf("upsert connection %s: %w", c.Key(), err)
	}
	return nil
}

// List returns the connections, newest first; a missing file is an empty list.
func (ix *Index) List() ([]Connection, error) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	conns, err := ix.load()
	if err != nil {
		return nil, fmt.Errorf("list connections: %w", err)
	}
	slices.SortStableFunc(conns, func(a, b Connection) int {
		if c := b.Created.Compare(a.Created); c != 0 {
			return c
		}
		return cmp.Compare(a.Key().String(), b.Key().String())
	})
	return conns, nil
}

// Remove deletes the connection with key k; removing an absent connection is not an error.
func (ix *Index) Remove(k ConnectionKey) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	conns, err := ix.load()
	if err != nil {
		return fmt.Errorf("remove connection %s: %w", k, err)
	}
	n := len(conns)
	kept := slices.DeleteFunc(conns, func(c Connection) bool { return c.Key() == k })
	if len(kept) == n {
		return nil // nothing matched: leave the file untouched
	}
	if err := ix.save(kept); err != nil {
		return fmt.Errorf("remove connection %s: %w", k, err)
	}
	return nil
}

// load reads the connections; a missing or empty file is an empty index, an unparsable one is ErrCorruptIndex.
func (ix *Index) load() ([]Connection, error) {
	data, err := os.ReadFile(ix.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ix.path, err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil
	}
	var f indexFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%w: %s: %w (fix or remove the file; it was left as it is)", ErrCorruptIndex, ix.path, err)
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
