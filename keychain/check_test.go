package keychain

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile writes data to a new 0600 file in a fresh directory and returns its path.
func writeFile(t *testing.T, name, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// assertFileError checks err is a *FileError about path whose text says each of want, and
// that it leaves the file as it was.
func assertFileError(t *testing.T, err error, path, before string, want ...string) {
	t.Helper()
	var fe *FileError
	if !errors.As(err, &fe) || fe.Path != path {
		t.Fatalf("error = %v, want a *FileError about %s", err, path)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
	if before == "" {
		return
	}
	if after, _ := os.ReadFile(path); string(after) != before {
		t.Errorf("the file was changed: %q", after)
	}
}

func TestFileCheck(t *testing.T) {
	t.Run("a missing file passes, and nothing is created", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "linkstep", "secrets.json")
		if err := NewFile(path).Check(t.Context()); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("Check created the file: %v", err)
		}
		if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 || entries[0].Name() != "secrets.json.lock" {
			t.Fatalf("Check left %v beside the lock file", entries)
		}
	})
	t.Run("a healthy file passes", func(t *testing.T) {
		path := writeFile(t, "secrets.json", `{"k":"v"}`)
		if err := NewFile(path).Check(t.Context()); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a truncated file names itself, where it stopped and the fix, quoting nothing", func(t *testing.T) {
		before := `{"truelayer/embedded/x/refresh_token": "supersecretvalue`
		path := writeFile(t, "secrets.json", before)
		err := NewFile(path).Check(t.Context())
		assertFileError(t, err, path, before, "not valid JSON (at byte", "mv "+path+" "+path+".bak", "connect again")
		if strings.Contains(err.Error(), "supersecret") {
			t.Fatalf("the error quotes the file: %v", err)
		}
	})
	t.Run("a file of another shape", func(t *testing.T) {
		path := writeFile(t, "secrets.json", `{"k": 1}`)
		assertFileError(t, NewFile(path).Check(t.Context()), path, `{"k": 1}`, "is not a JSON object of items")
	})
	t.Run("a directory where the file should be", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "secrets.json")
		if err := os.Mkdir(path, 0o700); err != nil {
			t.Fatal(err)
		}
		assertFileError(t, NewFile(path).Check(t.Context()), path, "", "is a directory", "mv ")
	})
	t.Run("a lock file that cannot be opened", func(t *testing.T) {
		path := writeFile(t, "secrets.json", `{"k":"v"}`)
		if err := os.Mkdir(path+".lock", 0o700); err != nil {
			t.Fatal(err)
		}
		assertFileError(t, NewFile(path).Check(t.Context()), path, `{"k":"v"}`, "cannot be written", path+".lock")
	})
	t.Run("a path through a file", func(t *testing.T) {
		parent := writeFile(t, "not-a-dir", "")
		path := filepath.Join(parent, "linkstep", "secrets.json")
		assertFileError(t, NewFile(path).Check(t.Context()), path, "", "cannot be read")
	})
}

func TestFileReadsSayWhatIsWrong(t *testing.T) {
	before := `{"k": "v`
	path := writeFile(t, "secrets.json", before)
	_, err := NewFile(path).Get(t.Context(), "k")
	assertFileError(t, err, path, before, "not valid JSON", "fix it by hand")
	if errors.Is(err, ErrNotFound) {
		t.Fatal("an unreadable file reads as no item")
	}
	if got := Reason(err); !strings.HasPrefix(got, path+" is not a JSON object of items") {
		t.Fatalf("Reason = %q, want the file's problem first", got)
	}
}

func TestAutoCheckChecksTheFileItChose(t *testing.T) {
	t.Run("insecure file", func(t *testing.T) {
		path := writeFile(t, "secrets.json", `{"truncated`)
		err := NewAuto(AutoOptions{InsecureFile: path}).Check(t.Context())
		assertFileError(t, err, path, `{"truncated`, "not valid JSON")
	})
	t.Run("sandbox file when the OS keychain does not answer", func(t *testing.T) {
		path := writeFile(t, "sandbox-tokens.json", `[]`)
		auto := NewAuto(AutoOptions{Primary: newOS("linkstep-test", 0, &fakeKeyring{err: errors.New("no secret service")}), AllowMemoryFallback: true, SandboxFile: path})
		assertFileError(t, auto.Check(t.Context()), path, `[]`, "is not a JSON object of items")
	})
	t.Run("the OS keychain passes without another probe", func(t *testing.T) {
		ring := &fakeKeyring{}
		if err := NewAuto(AutoOptions{Primary: newOS("linkstep-test", 0, ring)}).Check(t.Context()); err != nil {
			t.Fatal(err)
		}
	})
}

func TestIndexCheck(t *testing.T) {
	t.Run("a missing index passes", func(t *testing.T) {
		if err := OpenIndex(filepath.Join(t.TempDir(), "connections.json")).Check(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a healthy index passes", func(t *testing.T) {
		if err := OpenIndex(copyFixture(t, "connections.json")).Check(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a corrupt index names itself and the fix", func(t *testing.T) {
		path := copyFixture(t, "connections_corrupt.json")
		before, _ := os.ReadFile(path)
		err := OpenIndex(path).Check()
		if !errors.Is(err, ErrCorruptIndex) {
			t.Fatalf("error = %v, want ErrCorruptIndex", err)
		}
		assertFileError(t, err, path, string(before), "corrupt connection index", "mv "+path)
	})
}

func TestIndexUnrecorded(t *testing.T) {
	path := writeFile(t, "connections.json", `{"connections": [`)
	ix := OpenIndex(path)
	c := Connection{Provider: "truelayer", Environment: "embedded", ID: "cred-1"}
	if err := ix.Upsert(c); err == nil {
		t.Fatal("Upsert into a corrupt index succeeded")
	}
	err := ix.Unrecorded()
	if !errors.Is(err, ErrCorruptIndex) || !strings.Contains(err.Error(), "truelayer/embedded/cred-1") {
		t.Fatalf("Unrecorded = %v, want the connection and why", err)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := ix.Upsert(c); err != nil {
		t.Fatal(err)
	}
	if err := ix.Unrecorded(); err != nil {
		t.Fatalf("Unrecorded after a successful Upsert = %v, want nil", err)
	}
	if err := ix.Upsert(Connection{Provider: "x", Environment: "embedded", ID: "memory", Storage: MemoryStorage}); err != nil || ix.Unrecorded() != nil {
		t.Fatalf("a memory-only connection: %v, %v", err, ix.Unrecorded())
	}
}

func TestReasonKeepsTheGuidance(t *testing.T) {
	_, err := unavailable{cause: &unavailableError{cause: errors.New("no D-Bus session bus")}}.Get(t.Context(), "k")
	if got := Reason(err); !strings.Contains(got, "no D-Bus session bus") || !strings.Contains(got, "--insecure-storage") {
		t.Fatalf("Reason = %q, want the cause and what to do", got)
	}
}
