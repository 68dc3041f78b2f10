package kit

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// testState is a state a test keeps.
type testState struct {
	Version int      `json:"version"`
	Items   []string `json:"items"`
}

func TestStateFileRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "deeper")
	f := StateFile{Path: filepath.Join(dir, "x.json")}
	var got testState
	if found, err := f.Load(&got); found || err != nil {
		t.Fatalf("Load of a missing file = %v, %v", found, err)
	}
	for _, want := range []testState{{1, []string{"a"}}, {1, []string{"a", "b"}}} {
		if err := f.Save(want); err != nil {
			t.Fatal(err)
		}
		got = testState{}
		if found, err := f.Load(&got); !found || err != nil || len(got.Items) != len(want.Items) {
			t.Fatalf("Load = %+v, %v, %v", got, found, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the directory holds %d entries, want just the file (no temporary files)", len(entries))
	}
	if runtime.GOOS != "windows" {
		for path, want := range map[string]os.FileMode{f.Path: 0o600, dir: 0o700} {
			if st, err := os.Stat(path); err != nil || st.Mode().Perm() != want {
				t.Errorf("%s: mode %v, %v; want %v", path, st.Mode().Perm(), err, want)
			}
		}
	}
}

func TestStateFileRefusesAMalformedFile(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"not JSON", "{nope", "not valid JSON"},
		{"the wrong type", `{"version": "one"}`, "not valid JSON"},
		{"truncated", `{"version": 1, "items": ["a"`, "not valid JSON"},
		{"two values", `{"version": 1} {"version": 2}`, "data after its JSON value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := StateFile{Path: filepath.Join(t.TempDir(), "x.json")}
			if err := os.WriteFile(f.Path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			var got testState
			found, err := f.Load(&got)
			if !found || err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), f.Path) {
				t.Fatalf("Load = %v, %v; want an error naming the file and saying %q", found, err, tt.want)
			}
		})
	}
}

func TestStateFileSaveFailsCleanly(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// The state directory would be below a regular file: Save cannot create it.
	if err := (StateFile{Path: filepath.Join(blocker, "x.json")}).Save(testState{}); err == nil {
		t.Fatal("Save below a regular file succeeded")
	}
	if err := (StateFile{Path: dir}).Save(func() {}); err == nil {
		t.Fatal("Save of a value JSON cannot encode succeeded")
	}
}
