package keychain

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzIndexList: whatever connections.json holds, List answers ErrCorruptIndex or a list,
// never panics and never changes the file; a listed index holds no memory-only entry and is
// newest first; Upsert refuses a corrupt file rather than overwrite it.
func FuzzIndexList(f *testing.F) {
	for _, name := range []string{"connections.json", "connections_corrupt.json", "connections_memory.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		``, "  \n", `{}`, `null`, `[]`, `{"connections":null}`, `{"connections":[]}`, `{"connections":[null]}`,
		`{"connections":[{"provider":"truelayer","environment":"embedded","id":"x","created":"not a time"}]}`,
		`{"connections":[{"provider":"ivy","environment":"embedded","id":"a","details":{"market":"GB"}},{"provider":"ivy","environment":"embedded","id":"a"}]}`,
		`{"connections":[{"id":""},{"created":"2025-01-01T10:00:00Z"}]}`,
		`{"connections":{"provider":"x"}}`,
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "connections.json")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		ix := OpenIndex(path)
		conns, err := ix.List()
		if after, rerr := os.ReadFile(path); rerr != nil || !bytes.Equal(after, data) {
			t.Fatalf("List changed the file: %v", rerr)
		}
		if err != nil {
			if !errors.Is(err, ErrCorruptIndex) {
				t.Fatalf("List(%q) = %v, want ErrCorruptIndex", data, err)
			}
			c := Connection{Provider: "truelayer", Environment: "embedded", ID: "new", Created: time.Now(), Storage: "file"}
			if uerr := ix.Upsert(c); uerr == nil {
				t.Fatalf("Upsert over a corrupt index (%q) succeeded", data)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
				t.Fatalf("Upsert overwrote a corrupt index")
			}
			return
		}
		for i, c := range conns {
			if memoryOnly(c) {
				t.Fatalf("List(%q) shows memory-only %v", data, c.Key())
			}
			if i > 0 && conns[i-1].Created.Before(c.Created) {
				t.Fatalf("List(%q) is not newest first", data)
			}
		}
	})
}
