package keychain

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

func TestOSStoreErrorMapping(t *testing.T) {
	noSecretService := errors.New("The name org.freedesktop.secrets was not provided by any .service files")
	tests := []struct {
		name        string
		backendErr  error
		op          func(s *OSStore) error
		want        []error
		notWant     []error
		wantInError string
	}{
		{
			name:       "get absent maps keyring.ErrNotFound",
			backendErr: keyring.ErrNotFound,
			op:         func(s *OSStore) error { _, err := s.Get(context.Background(), "k"); return err },
			want:       []error{ErrNotFound},
			notWant:    []error{ErrUnavailable},
		},
		{
			name:        "no secret service is unavailable with its cause",
			backendErr:  noSecretService,
			op:          func(s *OSStore) error { _, err := s.Get(context.Background(), "k"); return err },
			want:        []error{ErrUnavailable, noSecretService},
			notWant:     []error{ErrNotFound, ErrTimeout},
			wantInError: "org.freedesktop.secrets was not provided",
		},
		{
			name:       "set data too big is ErrTooLarge",
			backendErr: keyring.ErrSetDataTooBig,
			op:         func(s *OSStore) error { return s.Set(context.Background(), "k", "v") },
			want:       []error{ErrTooLarge},
			notWant:    []error{ErrUnavailable},
		},
		{
			name:       "delete absent is not an error",
			backendErr: keyring.ErrNotFound,
			op:         func(s *OSStore) error { return s.Delete(context.Background(), "k") },
		},
		{
			name:       "delete on a locked collection is unavailable",
			backendErr: errors.New("collection is locked"),
			op:         func(s *OSStore) error { return s.Delete(context.Background(), "k") },
			want:       []error{ErrUnavailable},
		},
		{
			name:       "probe treats not found as answering",
			backendErr: keyring.ErrNotFound,
			op:         func(s *OSStore) error { return s.Probe(context.Background()) },
		},
		{
			name:       "probe reports an unavailable keychain",
			backendErr: noSecretService,
			op:         func(s *OSStore) error { return s.Probe(context.Background()) },
			want:       []error{ErrUnavailable},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.op(newOS("linkstep-test", 0, &fakeKeyring{err: tt.backendErr}))
			if len(tt.want) == 0 && err != nil {
				t.Fatalf("error = %v, want nil", err)
			}
			for _, w := range tt.want {
				if !errors.Is(err, w) {
					t.Errorf("error %v does not match %v", err, w)
				}
			}
			for _, nw := range tt.notWant {
				if errors.Is(err, nw) {
					t.Errorf("error %v unexpectedly matches %v", err, nw)
				}
			}
			if tt.wantInError != "" && !strings.Contains(err.Error(), tt.wantInError) {
				t.Errorf("error %q does not mention %q", err, tt.wantInError)
			}
		})
	}
}

func TestOSStoreTimeout(t *testing.T) {
	ops := []struct {
		name string
		call func(ctx context.Context, s *OSStore) error
	}{
		{"get", func(ctx context.Context, s *OSStore) error { _, err := s.Get(ctx, "k"); return err }},
		{"set", func(ctx context.Context, s *OSStore) error { return s.Set(ctx, "k", "v") }},
		{"delete", func(ctx context.Context, s *OSStore) error { return s.Delete(ctx, "k") }},
		{"probe", func(ctx context.Context, s *OSStore) error { return s.Probe(ctx) }},
	}
	for _, op := range ops {
		t.Run(op.name+" times out", func(t *testing.T) {
			kr := newHangingKeyring()
			t.Cleanup(func() { close(kr.release) })
			err := op.call(t.Context(), newOS("linkstep-test", 10*time.Millisecond, kr))
			if !errors.Is(err, ErrTimeout) || !errors.Is(err, ErrUnavailable) {
				t.Fatalf("error = %v, want ErrTimeout that is also ErrUnavailable", err)
			}
		})
		t.Run(op.name+" returns when ctx is cancelled", func(t *testing.T) {
			kr := newHangingKeyring()
			t.Cleanup(func() { close(kr.release) })
			ctx, cancel := context.WithCancel(t.Context())
			go func() {
				<-kr.entered // the backend call is now blocked
				cancel()
			}()
			err := op.call(ctx, newOS("linkstep-test", time.Hour, kr))
			if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.Canceled) {
				t.Fatalf("error = %v, want ErrTimeout wrapping context.Canceled", err)
			}
		})
	}
}

func TestOSStoreDoesNotCallBackendWithDoneContext(t *testing.T) {
	kr := newHangingKeyring()
	t.Cleanup(func() { close(kr.release) })
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := newOS("linkstep-test", time.Hour, kr).Get(ctx, "k"); !errors.Is(err, ErrTimeout) {
		t.Fatalf("error = %v, want ErrTimeout", err)
	}
	if len(kr.entered) != 0 {
		t.Fatal("backend was called with an already cancelled context")
	}
}

func TestOSStoreRejectsLargeItemBeforeBackend(t *testing.T) {
	kr := &fakeKeyring{}
	err := newOS("linkstep-test", 0, kr).Set(t.Context(), "k", strings.Repeat("x", MaxItemSize+1))
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("error = %v, want ErrTooLarge", err)
	}
	if len(kr.items) != 0 {
		t.Fatalf("backend holds %d items, want 0", len(kr.items))
	}
}

func TestOSStoreUsesService(t *testing.T) {
	tests := []struct {
		name    string
		service string
		want    string
	}{
		{"given", "my-service", "my-service"},
		{"default", "", DefaultService},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kr := &fakeKeyring{}
			mustSet(t, newOS(tt.service, 0, kr), "k", "v")
			if _, ok := kr.items[[2]string{tt.want, "k"}]; !ok {
				t.Fatalf("item not stored under service %q: %v", tt.want, kr.items)
			}
		})
	}
}

func TestKeychainName(t *testing.T) {
	tests := []struct{ goos, want string }{
		{"linux", "Secret Service"},
		{"freebsd", "Secret Service"},
		{"darwin", "macOS Keychain"},
		{"windows", "Windows Credential Manager"},
	}
	for _, tt := range tests {
		t.Run(tt.goos, func(t *testing.T) {
			if got := keychainName(tt.goos); got != tt.want {
				t.Fatalf("keychainName(%q) = %q, want %q", tt.goos, got, tt.want)
			}
		})
	}
}

func TestOSStoreWithoutSessionBusStartsNothing(t *testing.T) {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		t.Skip("the OS keychain does not use D-Bus here")
	}
	called := false
	kr := &callRecorder{onCall: func() { called = true }}
	noBus := func(string) string { return "" }
	s := newOS("linkstep-test", time.Second, sessionBusGuard{backend: kr, getenv: noBus})
	err := s.Probe(t.Context())
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "session bus") {
		t.Fatalf("Probe = %v, want ErrUnavailable naming the missing session bus", err)
	}
	if called {
		t.Fatal("go-keyring was called without a session bus: it would autolaunch one")
	}
}

// callRecorder is a backend that notes it was called.
type callRecorder struct{ onCall func() }

func (c *callRecorder) Get(string, string) (string, error) { c.onCall(); return "", nil }
func (c *callRecorder) Set(string, string, string) error   { c.onCall(); return nil }
func (c *callRecorder) Delete(string, string) error        { c.onCall(); return nil }
