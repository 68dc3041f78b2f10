package keychain

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func skipOnWindows(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes do not apply on Windows")
	}
}

func TestFileCreatesPrivateFile(t *testing.T) {
	skipOnWindows(t)
	dir := filepath.Join(t.TempDir(), "linkstep")
	path := filepath.Join(dir, "secrets.json")
	mustSet(t, NewFile(path), "k", "v")

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

func TestFileRefusesWideMode(t *testing.T) {
	skipOnWindows(t)
	tests := []struct {
		name    string
		mode    fs.FileMode
		refused bool
	}{
		{"0600 is used", 0o600, false},
		{"0400 is used", 0o400, false},
		{"0644 is refused", 0o644, true},
		{"0640 is refused", 0o640, true},
		{"0606 is refused", 0o606, true},
		{"0700 is refused", 0o700, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "secrets.json")
			if err := os.WriteFile(path, []byte(`{"k":"v"}`), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, tt.mode); err != nil {
				t.Fatal(err)
			}
			_, err := NewFile(path).Get(t.Context(), "k")
			if !tt.refused {
				if err != nil {
					t.Fatalf("Get: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrInsecureFile) {
				t.Fatalf("error = %v, want ErrInsecureFile", err)
			}
			if want := "chmod 600 " + path; !strings.Contains(err.Error(), want) {
				t.Fatalf("error %q does not tell the user to %q", err, want)
			}
			if err := NewFile(path).Set(t.Context(), "k", "other"); !errors.Is(err, ErrInsecureFile) {
				t.Fatalf("Set error = %v, want ErrInsecureFile", err)
			}
			if data, _ := os.ReadFile(path); string(data) != `{"k":"v"}` {
				t.Fatalf("refused file was rewritten: %s", data)
			}
		})
	}
}

func TestFileRewritesAtomically(t *testing.T) {
	skipOnWindows(t) // an open file cannot be replaced by rename on Windows
	dir := t.TempDir()
	path := filepath.Join(dir, "secrets.json")
	f := NewFile(path)
	mustSet(t, f, "k", "old")

	before, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { before.Close() })
	beforeInfo, err := before.Stat()
	if err != nil {
		t.Fatal(err)
	}

	mustSet(t, f, "k", "new")

	t.Run("old readers keep the whole old file", func(t *testing.T) {
		var old map[string]string
		if err := json.NewDecoder(io.Reader(before)).Decode(&old); err != nil {
			t.Fatalf("old handle: %v", err)
		}
		if old["k"] != "old" {
			t.Fatalf("old handle sees %q, want old", old["k"])
		}
	})
	t.Run("file was replaced, not written in place", func(t *testing.T) {
		afterInfo, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if os.SameFile(beforeInfo, afterInfo) {
			t.Fatal("same file after rewrite; want a new file renamed over the old one")
		}
	})
	t.Run("no temp files left behind", func(t *testing.T) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		// the lock file stays: removing it would let two processes lock two different files
		if !slices.Equal(names, []string{"secrets.json", "secrets.json.lock"}) {
			t.Fatalf("directory holds %v, want only secrets.json and its lock file", names)
		}
	})
	t.Run("new value is read back", func(t *testing.T) {
		if got := mustGet(t, NewFile(path), "k"); got != "new" {
			t.Fatalf("Get = %q, want new", got)
		}
	})
}

func TestFileMissingAndCorrupt(t *testing.T) {
	tests := []struct {
		name     string
		content  *string // nil: no file
		wantErr  error
		wantPath bool
	}{
		{"missing file is empty", nil, ErrNotFound, false},
		{"empty file is empty", ptr(""), ErrNotFound, false},
		{"corrupt file names the path", ptr("{not json"), nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "secrets.json")
			if tt.content != nil {
				if err := os.WriteFile(path, []byte(*tt.content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			_, err := NewFile(path).Get(t.Context(), "k")
			if err == nil {
				t.Fatal("Get succeeded, want an error")
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("error = %v, want %v", err, tt.wantErr)
			}
			if tt.wantPath && !strings.Contains(err.Error(), path) {
				t.Fatalf("error %q does not name %s", err, path)
			}
		})
	}
}

func TestFileReadsDoNotCreateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secrets.json")
	f := NewFile(path)
	_, _ = f.Get(t.Context(), "k")
	if err := f.Delete(t.Context(), "k"); err != nil {
		t.Fatalf("Delete(absent): %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Stat error = %v, want the file not to exist", err)
	}
}

func TestFileDescribe(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	tests := []struct {
		name string
		path string
		want string
	}{
		{"under home", filepath.Join(home, ".config", "linkstep", "secrets.json"), "file " + filepath.Join("~", ".config", "linkstep", "secrets.json") + " (insecure)"},
		{"elsewhere", filepath.Join(filepath.Dir(home), "other", "secrets.json"), "file " + filepath.Join(filepath.Dir(home), "other", "secrets.json") + " (insecure)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewFile(tt.path).Describe(); got != tt.want {
				t.Fatalf("Describe() = %q, want %q", got, tt.want)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
