package keychain

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestAutoChoosesStorage(t *testing.T) {
	noSecretService := errors.New("The name org.freedesktop.secrets was not provided by any .service files")
	tests := []struct {
		name         string
		opts         func(t *testing.T) AutoOptions
		wantDescribe string
		wantNotice   []string // substrings; none means an empty notice
		wantSetErr   error
		wantSetText  []string
	}{
		{
			name: "primary answering is used",
			opts: func(t *testing.T) AutoOptions {
				return AutoOptions{Primary: newOS("linkstep-test", 0, &fakeKeyring{})}
			},
			wantDescribe: "OS keychain (",
		},
		{
			name: "primary unavailable with fallback uses memory",
			opts: func(t *testing.T) AutoOptions {
				return AutoOptions{Primary: newOS("linkstep-test", 0, &fakeKeyring{err: noSecretService}), AllowMemoryFallback: true}
			},
			wantDescribe: "memory (this session only)",
			wantNotice:   []string{"OS keychain unavailable (", "org.freedesktop.secrets was not provided", "kept in memory for this session"},
		},
		{
			name: "primary unavailable with a sandbox file uses the file",
			opts: func(t *testing.T) AutoOptions {
				return AutoOptions{Primary: newOS("linkstep-test", 0, &fakeKeyring{err: noSecretService}), AllowMemoryFallback: true, SandboxFile: filepath.Join(t.TempDir(), "sandbox-tokens.json")}
			},
			wantDescribe: "(embedded sandbox tokens only)",
			wantNotice:   []string{"OS keychain unavailable (", "tokens for the embedded sandbox kept in", "sandbox-tokens.json"},
		},
		{
			name: "primary hanging with fallback uses memory",
			opts: func(t *testing.T) AutoOptions {
				kr := newHangingKeyring()
				t.Cleanup(func() { close(kr.release) })
				return AutoOptions{Primary: newOS("linkstep-test", 10*time.Millisecond, kr), Timeout: 10 * time.Millisecond, AllowMemoryFallback: true}
			},
			wantDescribe: "memory (this session only)",
			wantNotice:   []string{"no answer within", "kept in memory for this session"},
		},
		{
			name: "primary unavailable without fallback refuses to store",
			opts: func(t *testing.T) AutoOptions {
				return AutoOptions{Primary: newOS("linkstep-test", 0, &fakeKeyring{err: noSecretService})}
			},
			wantDescribe: "none: OS keychain unavailable",
			wantNotice:   []string{"tokens cannot be saved", "--insecure-storage"},
			wantSetErr:   ErrUnavailable,
			wantSetText: []string{
				"org.freedesktop.secrets was not provided",
				"unlock your keychain / start a Secret Service, or pass --insecure-storage to keep tokens in a 0600 file",
			},
		},
		{
			name: "primary failing with a plain error without fallback is unavailable",
			opts: func(t *testing.T) AutoOptions {
				return AutoOptions{Primary: failingStore{err: errors.New("boom")}}
			},
			wantDescribe: "none: OS keychain unavailable",
			wantNotice:   []string{"boom"},
			wantSetErr:   ErrUnavailable,
			wantSetText:  []string{"boom", "--insecure-storage"},
		},
		{
			name: "insecure file is used and nothing else",
			opts: func(t *testing.T) AutoOptions {
				return AutoOptions{
					InsecureFile: filepath.Join(t.TempDir(), "secrets.json"),
					Primary:      failingStore{err: errors.New("must not be probed")},
				}
			},
			wantDescribe: "(insecure)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := NewAuto(tt.opts(t))
			if got := a.Describe(); got != "checking…" {
				t.Fatalf("Describe() before probe = %q, want checking…", got)
			}
			notice := a.Probe(t.Context())
			if len(tt.wantNotice) == 0 && notice != "" {
				t.Errorf("notice = %q, want none", notice)
			}
			for _, w := range tt.wantNotice {
				if !strings.Contains(notice, w) {
					t.Errorf("notice %q does not contain %q", notice, w)
				}
			}
			if got := a.Describe(); !strings.Contains(got, tt.wantDescribe) {
				t.Errorf("Describe() = %q, want it to contain %q", got, tt.wantDescribe)
			}
			err := a.Set(t.Context(), "k", "v")
			if tt.wantSetErr == nil {
				if err != nil {
					t.Fatalf("Set: %v", err)
				}
				if got := mustGet(t, a, "k"); got != "v" {
					t.Fatalf("Get = %q, want v", got)
				}
				return
			}
			if !errors.Is(err, tt.wantSetErr) {
				t.Fatalf("Set error = %v, want %v", err, tt.wantSetErr)
			}
			for _, w := range tt.wantSetText {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Set error %q does not contain %q", err, w)
				}
			}
		})
	}
}

// countingStore counts Get calls, which is how Auto probes a Store without a Probe method.
type countingStore struct {
	*Memory
	mu   sync.Mutex
	gets int
}

func (c *countingStore) Get(ctx context.Context, key string) (string, error) {
	c.mu.Lock()
	c.gets++
	c.mu.Unlock()
	return c.Memory.Get(ctx, key)
}

func TestAutoDecidesOnce(t *testing.T) {
	tests := []struct {
		name string
		use  func(ctx context.Context, a *Auto)
	}{
		{"probe", func(ctx context.Context, a *Auto) { a.Probe(ctx) }},
		{"set without probe", func(ctx context.Context, a *Auto) { _ = a.Set(ctx, "k", "v") }},
		{"delete without probe", func(ctx context.Context, a *Auto) { _ = a.Delete(ctx, "k") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			primary := &countingStore{Memory: NewMemory()}
			a := NewAuto(AutoOptions{Primary: primary})
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() { tt.use(t.Context(), a) })
			}
			wg.Wait()
			if primary.gets != 1 {
				t.Fatalf("primary probed %d times, want 1", primary.gets)
			}
			if got := a.Describe(); got != primary.Describe() {
				t.Fatalf("Describe() = %q, want %q", got, primary.Describe())
			}
		})
	}
}

func TestAutoCancelledProbeDoesNotDecide(t *testing.T) {
	kr := newHangingKeyring()
	t.Cleanup(func() { close(kr.release) })
	a := NewAuto(AutoOptions{Primary: newOS("linkstep-test", time.Hour, kr), Timeout: time.Hour, AllowMemoryFallback: true})
	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		<-kr.entered
		cancel()
	}()
	if notice := a.Probe(ctx); notice != "" {
		t.Fatalf("notice = %q, want none after cancellation", notice)
	}
	if got := a.Describe(); got != "checking…" {
		t.Fatalf("Describe() = %q, want checking… (no decision)", got)
	}
	if err := a.Set(ctx, "k", "v"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Set error = %v, want context.Canceled", err)
	}
}

func TestAutoProbesAgainAfterTheKeychainWasUnavailable(t *testing.T) {
	kr := &fakeKeyring{err: errors.New("failed to unlock correct collection '/org/freedesktop/secrets/collection/login'")}
	a := NewAuto(AutoOptions{Primary: newOS("linkstep-test", 0, kr)})
	if err := a.Set(t.Context(), "k", "v"); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Set on a locked keychain = %v, want ErrUnavailable", err)
	}
	kr.mu.Lock()
	kr.err = nil // the user unlocks the keychain and retries
	kr.mu.Unlock()
	if err := a.Set(t.Context(), "k", "v"); err != nil {
		t.Fatalf("Set after unlocking = %v: a retry must find the keychain", err)
	}
	if got := a.Describe(); !strings.HasPrefix(got, "OS keychain") {
		t.Fatalf("Describe = %q, want the OS keychain", got)
	}
}
