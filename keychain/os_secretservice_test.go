package keychain

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"
)

// TestSecretServiceRoundTrip talks to the real OS keychain through go-keyring's
// real provider. It is safe to run in the same binary as the other tests because
// no test in this package calls keyring.MockInit: the unit tests inject fakes
// through OSStore's backend instead. CI runs it inside dbus-run-session with an
// unlocked gnome-keyring; anywhere else it skips when nothing answers.
func TestSecretServiceRoundTrip(t *testing.T) {
	if why := noSessionBus(os.Getenv); why != "" {
		t.Skipf("no Secret Service reachable: %s; run the test inside dbus-run-session with gnome-keyring unlocked", why)
	}
	s := NewOS("linkstep-test", 2*time.Second)
	if err := s.Probe(t.Context()); err != nil {
		t.Skipf("no Secret Service reachable: %v", err)
	}
	key := fmt.Sprintf("secretservice-test/%d/%d", os.Getpid(), time.Now().UnixNano())
	t.Cleanup(func() {
		// t.Context is already cancelled when cleanups run.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Delete(ctx, key); err != nil {
			t.Errorf("cleanup: delete %s: %v", key, err)
		}
	})

	steps := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"get before set is not found", func(t *testing.T) {
			if _, err := s.Get(t.Context(), key); !errors.Is(err, ErrNotFound) {
				t.Fatalf("Get error = %v, want ErrNotFound", err)
			}
		}},
		{"set", func(t *testing.T) { mustSet(t, s, key, "secret-value ünïcødé") }},
		{"get", func(t *testing.T) {
			if got := mustGet(t, s, key); got != "secret-value ünïcødé" {
				t.Fatalf("Get = %q", got)
			}
		}},
		{"delete", func(t *testing.T) {
			if err := s.Delete(t.Context(), key); err != nil {
				t.Fatalf("Delete: %v", err)
			}
		}},
		{"get after delete is not found", func(t *testing.T) {
			if _, err := s.Get(t.Context(), key); !errors.Is(err, ErrNotFound) {
				t.Fatalf("Get error = %v, want ErrNotFound", err)
			}
		}},
		{"delete again is not an error", func(t *testing.T) {
			if err := s.Delete(t.Context(), key); err != nil {
				t.Fatalf("Delete(absent): %v", err)
			}
		}},
	}
	for _, st := range steps {
		if !t.Run(st.name, st.run) {
			return // later steps depend on this one
		}
	}
}
