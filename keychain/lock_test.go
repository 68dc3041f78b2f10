package keychain

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofrs/flock"
)

func TestLockedFileIsBusyNotHung(t *testing.T) {
	dir := t.TempDir()
	secrets, index := filepath.Join(dir, "secrets.json"), filepath.Join(dir, "connections.json")
	for _, p := range []string{secrets, index} {
		held := flock.New(p + ".lock")
		if ok, err := held.TryLock(); !ok || err != nil {
			t.Fatalf("hold the lock on %s: %v, %v", p, ok, err)
		}
		t.Cleanup(func() { _ = held.Close() })
	}
	f := NewFile(secrets)
	f.lock.timeout = 50 * time.Millisecond
	ix := OpenIndex(index)
	ix.lock.timeout = 50 * time.Millisecond
	tests := []struct {
		name string
		path string
		call func() error
	}{
		{"file set", secrets, func() error { return f.Set(t.Context(), "k", "v") }},
		{"index upsert", index, func() error {
			return ix.Upsert(Connection{Provider: "truelayer", Environment: "embedded", ID: "a"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !errors.Is(err, ErrBusy) {
				t.Fatalf("error = %v, want ErrBusy", err)
			}
			if want := "another linkstep is using " + tt.path + "; try again"; !strings.Contains(err.Error(), want) {
				t.Fatalf("error %q does not say %q", err, want)
			}
		})
	}
	t.Run("reads need no lock", func(t *testing.T) {
		if _, err := f.Get(t.Context(), "k"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Get = %v, want ErrNotFound", err)
		}
		if _, err := ix.List(); err != nil {
			t.Fatalf("List = %v", err)
		}
	})
	t.Run("a cancelled wait says so", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if err := f.Set(ctx, "k", "v"); !errors.Is(err, context.Canceled) {
			t.Fatalf("Set = %v, want context.Canceled", err)
		}
	})
}

func TestLockFileIsPrivate(t *testing.T) {
	skipOnWindows(t)
	path := filepath.Join(t.TempDir(), "secrets.json")
	mustSet(t, NewFile(path), "k", "v")
	info, err := os.Stat(path + ".lock")
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got&^0o600 != 0 {
		t.Fatalf("lock file mode = %04o, want at most 0600", got)
	}
}

// writerDirEnv, when set, makes TestWriterProcess a writer in that directory: it is how
// TestManyProcessesLoseNothing runs this test binary as many processes.
const (
	writerDirEnv = "LINKSTEP_TEST_WRITER_DIR"
	writerIDEnv  = "LINKSTEP_TEST_WRITER_ID"
)

// Processes and items of TestManyProcessesLoseNothing.
const (
	writerProcesses = 20
	writerItems     = 10
)

func writerItem(proc, item int) (key, value string) {
	return fmt.Sprintf("p%02d/item%02d", proc, item), fmt.Sprintf("value of process %d item %d", proc, item)
}

func writerConnection(proc, item int) Connection {
	return Connection{Provider: "truelayer", Environment: "embedded", ID: fmt.Sprintf("p%02d-c%02d", proc, item), Storage: "file (insecure)"}
}

// TestManyProcessesLoseNothing runs many processes that each add items to one File and
// connections to one Index at the same time, and checks that every one of them is there.
func TestManyProcessesLoseNothing(t *testing.T) {
	dir := t.TempDir()
	start := filepath.Join(dir, "start")
	var wg sync.WaitGroup
	for i := range writerProcesses {
		cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestWriterProcess$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), writerDirEnv+"="+dir, writerIDEnv+"="+strconv.Itoa(i))
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatalf("start writer %d: %v", i, err)
		}
		wg.Go(func() {
			if err := cmd.Wait(); err != nil {
				t.Errorf("writer %d: %v\n%s", i, err, out.String())
			}
		})
	}
	if err := os.WriteFile(start, nil, 0o600); err != nil { // all at once
		t.Fatal(err)
	}
	wg.Wait()
	if t.Failed() {
		return
	}

	f := NewFile(filepath.Join(dir, "secrets.json"))
	missing := 0
	for p := range writerProcesses {
		for i := range writerItems {
			key, want := writerItem(p, i)
			if got, err := f.Get(t.Context(), key); err != nil || got != want {
				missing++
				t.Errorf("item %s = %q, %v; want %q", key, got, err, want)
			}
		}
	}
	conns, err := OpenIndex(filepath.Join(dir, "connections.json")).List()
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, c := range conns {
		listed[c.ID] = true
	}
	for p := range writerProcesses {
		for i := range writerItems {
			if id := writerConnection(p, i).ID; !listed[id] {
				missing++
				t.Errorf("connection %s is not in the index", id)
			}
		}
	}
	if missing > 0 {
		t.Fatalf("%d of %d items and connections lost", missing, 2*writerProcesses*writerItems)
	}
}

// TestWriterProcess is one writer of TestManyProcessesLoseNothing; run alone, it is skipped.
func TestWriterProcess(t *testing.T) {
	dir := os.Getenv(writerDirEnv)
	if dir == "" {
		t.Skip("a helper of TestManyProcessesLoseNothing: it runs only in the processes that test starts")
	}
	proc, err := strconv.Atoi(os.Getenv(writerIDEnv))
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Minute)
	for _, err := os.Stat(filepath.Join(dir, "start")); err != nil; _, err = os.Stat(filepath.Join(dir, "start")) {
		if time.Now().After(deadline) {
			t.Fatal("never told to start")
		}
		time.Sleep(2 * time.Millisecond)
	}
	f := NewFile(filepath.Join(dir, "secrets.json"))
	ix := OpenIndex(filepath.Join(dir, "connections.json"))
	for i := range writerItems {
		key, value := writerItem(proc, i)
		if err := f.Set(t.Context(), key, value); err != nil {
			t.Fatal(err)
		}
		if err := ix.Upsert(writerConnection(proc, i)); err != nil {
			t.Fatal(err)
		}
	}
}
