package keychain

import (
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// storeContract checks the behaviour every Store must share.
func storeContract(t *testing.T, newStore func(t *testing.T) Store) {
	t.Helper()
	tests := []struct {
		name string
		run  func(t *testing.T, s Store)
	}{
		{"get absent is ErrNotFound", func(t *testing.T, s Store) {
			if _, err := s.Get(t.Context(), "nope"); !errors.Is(err, ErrNotFound) {
				t.Fatalf("Get(absent) error = %v, want ErrNotFound", err)
			}
		}},
		{"set then get", func(t *testing.T, s Store) {
			mustSet(t, s, "a/b/c", "v1")
			if got := mustGet(t, s, "a/b/c"); got != "v1" {
				t.Fatalf("Get = %q, want v1", got)
			}
		}},
		{"set replaces", func(t *testing.T, s Store) {
			mustSet(t, s, "k", "old")
			mustSet(t, s, "k", "new")
			if got := mustGet(t, s, "k"); got != "new" {
				t.Fatalf("Get = %q, want new", got)
			}
		}},
		{"keys are independent", func(t *testing.T, s Store) {
			mustSet(t, s, "k1", "one")
			mustSet(t, s, "k2", "two")
			if got := mustGet(t, s, "k1"); got != "one" {
				t.Fatalf("Get(k1) = %q, want one", got)
			}
		}},
		{"delete then get is ErrNotFound", func(t *testing.T, s Store) {
			mustSet(t, s, "k", "v")
			if err := s.Delete(t.Context(), "k"); err != nil {
				t.Fatalf("Delete: %v", err)
			}
			if _, err := s.Get(t.Context(), "k"); !errors.Is(err, ErrNotFound) {
				t.Fatalf("Get(deleted) error = %v, want ErrNotFound", err)
			}
		}},
		{"delete absent is not an error", func(t *testing.T, s Store) {
			if err := s.Delete(t.Context(), "never-set"); err != nil {
				t.Fatalf("Delete(absent) = %v, want nil", err)
			}
		}},
		{"value at MaxItemSize fits", func(t *testing.T, s Store) {
			v := strings.Repeat("x", MaxItemSize)
			mustSet(t, s, "big", v)
			if got := mustGet(t, s, "big"); got != v {
				t.Fatalf("Get(big) returned %d bytes, want %d", len(got), len(v))
			}
		}},
		{"value over MaxItemSize is ErrTooLarge", func(t *testing.T, s Store) {
			err := s.Set(t.Context(), "huge", strings.Repeat("x", MaxItemSize+1))
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("Set(MaxItemSize+1) error = %v, want ErrTooLarge", err)
			}
			if _, err := s.Get(t.Context(), "huge"); !errors.Is(err, ErrNotFound) {
				t.Fatalf("Get after refused Set error = %v, want ErrNotFound", err)
			}
		}},
		{"unicode and json-special values survive", func(t *testing.T, s Store) {
			v := "ünï\"cødé\n\\ {}"
			mustSet(t, s, "u", v)
			if got := mustGet(t, s, "u"); got != v {
				t.Fatalf("Get = %q, want %q", got, v)
			}
		}},
		{"concurrent use", func(t *testing.T, s Store) {
			var wg sync.WaitGroup
			for i := range 8 {
				key := "c" + string(rune('a'+i))
				wg.Go(func() {
					if err := s.Set(t.Context(), key, key); err != nil {
						t.Errorf("Set(%s): %v", key, err)
					}
					if _, err := s.Get(t.Context(), key); err != nil {
						t.Errorf("Get(%s): %v", key, err)
					}
				})
			}
			wg.Wait()
		}},
		{"describe is not empty", func(t *testing.T, s Store) {
			if s.Describe() == "" {
				t.Fatal("Describe() is empty")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, newStore(t)) })
	}
}

func TestStoreContract(t *testing.T) {
	backends := []struct {
		name     string
		newStore func(t *testing.T) Store
	}{
		{"memory", func(t *testing.T) Store { return NewMemory() }},
		{"file", func(t *testing.T) Store { return NewFile(filepath.Join(t.TempDir(), "linkstep", "secrets.json")) }},
		{"os with mock keyring", func(t *testing.T) Store { return newOS("linkstep-test", 0, &fakeKeyring{}) }},
		{"auto over mock keyring", func(t *testing.T) Store {
			return NewAuto(AutoOptions{Primary: newOS("linkstep-test", 0, &fakeKeyring{})})
		}},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { storeContract(t, b.newStore) })
	}
}

func mustSet(t *testing.T, s Store, key, value string) {
	t.Helper()
	if err := s.Set(t.Context(), key, value); err != nil {
		t.Fatalf("Set(%q): %v", key, err)
	}
}

func mustGet(t *testing.T, s Store, key string) string {
	t.Helper()
	v, err := s.Get(t.Context(), key)
	if err != nil {
		t.Fatalf("Get(%q): %v", key, err)
	}
	return v
}
