package keychain

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// copyFixture copies testdata/name into a fresh temp dir and returns its path there.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "connections.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func ids(conns []Connection) []string {
	out := make([]string, 0, len(conns))
	for _, c := range conns {
		out = append(out, c.ID)
	}
	return out
}

func day(d int) time.Time { return time.Date(2025, 1, d, 12, 0, 0, 0, time.UTC) }

func TestIndexListFixture(t *testing.T) {
	conns, err := OpenIndex(copyFixture(t, "connections.json")).List()
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if got, want := ids(conns), []string{"newest", "middle", "old"}; !slices.Equal(got, want) {
		t.Fatalf("List order = %v, want %v (newest first)", got, want)
	}
	old := conns[2]
	if old.Bank != "Mock Bank" || !slices.Equal(old.Scopes, []string{"info", "accounts"}) || old.ConsentExpiresAt.IsZero() {
		t.Fatalf("old connection decoded as %+v", old)
	}
}

func TestIndexUpsertListRemove(t *testing.T) {
	a := Connection{Provider: "truelayer", Environment: "embedded", ID: "a", Bank: "Mock", Created: day(1)}
	b := Connection{Provider: "truelayer", Environment: "sandbox", ID: "b", Created: day(2)}
	c := Connection{Provider: "oneid", Environment: "embedded", ID: "c", Created: day(3)}
	tests := []struct {
		name    string
		steps   func(t *testing.T, ix *Index)
		wantIDs []string
	}{
		{"empty", func(t *testing.T, ix *Index) {}, []string{}},
		{"upsert lists newest first", func(t *testing.T, ix *Index) {
			mustUpsert(t, ix, a, c, b)
		}, []string{"c", "b", "a"}},
		{"upsert replaces by key", func(t *testing.T, ix *Index) {
			mustUpsert(t, ix, a, b)
			mustUpsert(t, ix, Connection{Provider: "truelayer", Environment: "embedded", ID: "a", Bank: "Other", Created: day(5)})
		}, []string{"a", "b"}},
		{"same id in another environment is another connection", func(t *testing.T, ix *Index) {
			mustUpsert(t, ix, a, Connection{Provider: "truelayer", Environment: "live", ID: "a", Created: day(4)})
		}, []string{"a", "a"}},
		{"remove", func(t *testing.T, ix *Index) {
			mustUpsert(t, ix, a, b, c)
			if err := ix.Remove(b.Key()); err != nil {
				t.Fatalf("Remove: %v", err)
			}
		}, []string{"c", "a"}},
		{"remove absent", func(t *testing.T, ix *Index) {
			mustUpsert(t, ix, a)
			if err := ix.Remove(ConnectionKey{"x", "y", "z"}); err != nil {
				t.Fatalf("Remove(absent): %v", err)
			}
		}, []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := OpenIndex(filepath.Join(t.TempDir(), "linkstep", "connections.json"))
			tt.steps(t, ix)
			conns, err := ix.List()
			if err != nil {
				t.Fatalf("List: %v", err)
			}
			if got := ids(conns); !slices.Equal(got, tt.wantIDs) {
				t.Fatalf("List = %v, want %v", got, tt.wantIDs)
			}
		})
	}
}

func TestIndexUpsertKeepsCreated(t *testing.T) {
	ix := OpenIndex(filepath.Join(t.TempDir(), "connections.json"))
	mustUpsert(t, ix, Connection{Provider: "truelayer", Environment: "embedded", ID: "a", Created: day(1)})
	mustUpsert(t, ix, Connection{Provider: "truelayer", Environment: "embedded", ID: "a", ConsentExpiresAt: day(20)})
	conns, err := ix.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(conns) != 1 || !conns[0].Created.Equal(day(1)) || !conns[0].ConsentExpiresAt.Equal(day(20)) {
		t.Fatalf("List = %+v, want Created kept and consent expiry updated", conns)
	}
}

func TestIndexMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope", "connections.json")
	ix := OpenIndex(path)
	conns, err := ix.List()
	if err != nil || len(conns) != 0 {
		t.Fatalf("List = %v, %v; want empty, nil", conns, err)
	}
	if err := ix.Remove(ConnectionKey{"a", "b", "c"}); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Stat error = %v, want no file created by List or Remove", err)
	}
}

func TestIndexCorruptFile(t *testing.T) {
	ops := []struct {
		name string
		call func(ix *Index) error
	}{
		{"list", func(ix *Index) error { _, err := ix.List(); return err }},
		{"upsert", func(ix *Index) error {
			return ix.Upsert(Connection{Provider: "truelayer", Environment: "embedded", ID: "new"})
		}},
		{"remove", func(ix *Index) error { return ix.Remove(ConnectionKey{"truelayer", "embedded", "x"}) }},
	}
	for _, op := range ops {
		t.Run(op.name, func(t *testing.T) {
			path := copyFixture(t, "connections_corrupt.json")
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			err = op.call(OpenIndex(path))
			if !errors.Is(err, ErrCorruptIndex) {
				t.Fatalf("error = %v, want ErrCorruptIndex", err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("error %q does not name %s", err, path)
			}
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(after) != string(before) {
				t.Fatal("corrupt index was overwritten")
			}
		})
	}
}

func TestIndexFileModes(t *testing.T) {
	skipOnWindows(t)
	dir := filepath.Join(t.TempDir(), "linkstep")
	path := filepath.Join(dir, "connections.json")
	mustUpsert(t, OpenIndex(path), Connection{Provider: "truelayer", Environment: "embedded", ID: "a"})
	tests := []struct {
		name string
		path string
		want fs.FileMode
	}{
		{"file is 0600", path, 0o600},
		{"directory is 0700", dir, 0o700},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := os.Stat(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if got := info.Mode().Perm(); got != tt.want {
				t.Fatalf("mode = %04o, want %04o", got, tt.want)
			}
		})
	}
}

func TestIndexHoldsNoSecrets(t *testing.T) {
	s := NewFile(filepath.Join(t.TempDir(), "secrets.json")) // memory-only connections are not indexed at all
	if err := SaveTokens(t.Context(), s, testKey, TokenSet{AccessToken: "at-SECRET", RefreshToken: "rt-SECRET", IDToken: "id-SECRET"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "connections.json")
	mustUpsert(t, OpenIndex(path), Connection{
		Provider: testKey.Provider, Environment: testKey.Environment, ID: testKey.ID,
		Bank: "Mock", Created: day(1), Scopes: []string{"info"}, Storage: s.Describe(),
	})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "SECRET") || strings.Contains(string(data), "token") {
		t.Fatalf("index holds token material:\n%s", data)
	}
}

func TestIndexUpsertRejectsIncompleteKey(t *testing.T) {
	if err := OpenIndex(filepath.Join(t.TempDir(), "c.json")).Upsert(Connection{Provider: "truelayer"}); err == nil {
		t.Fatal("Upsert of a connection without environment and id succeeded")
	}
}

func mustUpsert(t *testing.T, ix *Index, conns ...Connection) {
	t.Helper()
	for _, c := range conns {
		if err := ix.Upsert(c); err != nil {
			t.Fatalf("Upsert(%s): %v", c.Key(), err)
		}
	}
}

func TestIndexKeepsOnlyConnectionsWhoseTokensOutliveTheProcess(t *testing.T) {
	memory := Connection{Provider: "truelayer", Environment: "embedded", ID: "mem", Created: day(3), Storage: NewMemory().Describe()}
	file := Connection{Provider: "truelayer", Environment: "embedded", ID: "file", Created: day(2), Storage: NewFile("secrets.json").Describe()}
	t.Run("a memory-only connection is listed in this session but never written", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "connections.json")
		ix := OpenIndex(path)
		mustUpsert(t, ix, memory)
		if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("Stat error = %v, want no index file for a memory-only connection", err)
		}
		mustUpsert(t, ix, file)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), `"mem"`) {
			t.Fatalf("index file holds the memory-only connection:\n%s", data)
		}
		if conns, err := ix.List(); err != nil || !slices.Equal(ids(conns), []string{"mem", "file"}) {
			t.Fatalf("this session's List = %v, %v; want both connections", ids(conns), err)
		}
		if conns, err := OpenIndex(path).List(); err != nil || !slices.Equal(ids(conns), []string{"file"}) {
			t.Fatalf("another run's List = %v, %v; want only the connection whose tokens it can find", ids(conns), err)
		}
		if err := ix.Remove(memory.Key()); err != nil {
			t.Fatal(err)
		}
		if conns, err := ix.List(); err != nil || !slices.Equal(ids(conns), []string{"file"}) {
			t.Fatalf("List after Remove = %v, %v", ids(conns), err)
		}
	})
	t.Run("a connection stored again outside memory is written", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "connections.json")
		ix := OpenIndex(path)
		mustUpsert(t, ix, memory)
		again := memory
		again.Storage, again.Created = file.Storage, time.Time{}
		mustUpsert(t, ix, again)
		conns, err := OpenIndex(path).List()
		if err != nil || len(conns) != 1 || conns[0].ID != "mem" || conns[0].Storage != file.Storage {
			t.Fatalf("another run's List = %+v, %v; want the connection as stored in the file", conns, err)
		}
		if conns, err := ix.List(); err != nil || len(conns) != 1 {
			t.Fatalf("this session's List = %+v, %v; want it once", conns, err)
		}
	})
	t.Run("an older linkstep's memory-only entry is not listed, then dropped", func(t *testing.T) {
		path := copyFixture(t, "connections_memory.json")
		ix := OpenIndex(path)
		conns, err := ix.List()
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(conns); !slices.Equal(got, []string{"kept"}) {
			t.Fatalf("List = %v, want only the connection whose tokens can be found", got)
		}
		mustUpsert(t, ix, file)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), `"dead"`) || !strings.Contains(string(data), `"kept"`) {
			t.Fatalf("after an Upsert the file holds:\n%s\nwant the dead entry dropped and the others kept", data)
		}
	})
}

// TestStampSeesAnotherProcess changes the stamp of one Index when another Index value (another
// linkstep) writes the same file, and when this one keeps a memory-only connection.
func TestStampSeesAnotherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "connections.json")
	mine, theirs := OpenIndex(path), OpenIndex(path)
	before := mine.Stamp()
	if err := theirs.Upsert(Connection{Provider: "truelayer", Environment: "embedded", ID: "c1", Storage: "file x"}); err != nil {
		t.Fatal(err)
	}
	written := mine.Stamp()
	if written == before {
		t.Fatalf("stamp %q did not change when another process wrote the index", written)
	}
	if err := mine.Upsert(Connection{Provider: "truelayer", Environment: "embedded", ID: "c2", Storage: MemoryStorage}); err != nil {
		t.Fatal(err)
	}
	if mine.Stamp() == written {
		t.Fatal("stamp did not change for a memory-only connection")
	}
}
