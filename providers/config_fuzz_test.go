package providers_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/providers"
	"github.com/linkstep/linkstep/providers/oneid"
	"github.com/linkstep/linkstep/providers/truelayer"
)

// FuzzReadConfig: whatever config.json holds, ReadConfig and Section answer an error or a
// value, never panic; ReadConfig accepts exactly the files that are one JSON object (or null),
// Section exactly the sections that fit, and a missing section leaves the value as it was.
func FuzzReadConfig(f *testing.F) {
	for _, s := range []string{
		`{"truelayer":{"client_id":"a"}}`,
		`{"truelayer":{"client_id":"sandbox-linkstep-1a2b3c","client_secret":"s3cr3t-client-value","redirect_uri":"http://127.0.0.1:8080/callback"},"oneid":{"client_id":"oid","client_secret":"x"}}`,
		`{}`,
		`{`,
		`null`,
		`[]`,
		`{"truelayer":null}`,
		`{"truelayer":{"client_id":1}}`,
		`{"truelayer":"text"}`,
		`{"oneid":{"client_id":"a","client_id":"b"}}`,
		"\ufeff{}",
		``,
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, providers.ConfigFile)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := providers.ReadConfig(path, func(string) string { return "" })
		var sections map[string]json.RawMessage
		wantOK := json.Unmarshal(data, &sections) == nil
		if (err == nil) != wantOK {
			t.Fatalf("ReadConfig(%q) = %v, want ok %v", data, err, wantOK)
		}
		if err != nil {
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("ReadConfig error %q does not name the file", err)
			}
			return
		}
		if c.Path() != path {
			t.Fatalf("Path() = %q", c.Path())
		}
		for _, name := range []string{truelayer.ID, oneid.ID, "nonesuch"} {
			var tl truelayer.Config
			tl.ClientID = "kept"
			err := c.Section(name, &tl)
			raw, ok := sections[name]
			switch {
			case !ok && (err != nil || tl.ClientID != "kept"):
				t.Fatalf("missing section %q: err %v, client_id %q", name, err, tl.ClientID)
			case ok && (err == nil) != (json.Unmarshal(raw, &truelayer.Config{}) == nil):
				t.Fatalf("section %q %s: Section = %v", name, raw, err)
			case err != nil && !strings.Contains(err.Error(), name):
				t.Fatalf("Section error %q does not name the section", err)
			}
			var oi oneid.Config
			_ = c.Section(name, &oi)
		}
	})
}
