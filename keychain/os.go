package keychain

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/zalando/go-keyring"
)

// DefaultService is the keychain service name used when none is given.
const DefaultService = "linkstep"

// probeKey is the item OSStore.Probe looks up; it never needs to exist.
const probeKey = "linkstep-probe"

// OSStore keeps items in the OS keychain through go-keyring, bounding every call by a timeout.
type OSStore struct {
	service string
	timeout time.Duration
	kr      backend
}

var _ Store = (*OSStore)(nil)

// NewOS returns a Store on the OS keychain under service, each call bounded by timeout (DefaultTimeout when 0).
func NewOS(service string, timeout time.Duration) *OSStore {
	return newOS(service, timeout, sessionBusGuard{backend: goKeyring{}, getenv: os.Getenv})
}

// newOS is NewOS with the go-keyring backend injected.
func newOS(service string, timeout time.Duration, kr backend) *OSStore {
	if service == "" {
		service = DefaultService
	}
	return &OSStore{service: service, timeout: orDefault(timeout), kr: kr}
}

// Get returns the item under key, ErrNotFound when absent, ErrUnavailable or ErrTimeout when the keychain fails.
func (s *OSStore) Get(ctx context.Context, key string) (string, error) {
	v, err := bounded(ctx, s.timeout, func() (string, error) { return s.kr.Get(s.service, key) })
	if err != nil {
		return "", fmt.Errorf("keychain get %q: %w", key, mapErr(err))
	}
	return v, nil
}

// Set stores value under key; values over MaxItemSize fail with ErrTooLarge without reaching the keychain.
func (s *OSStore) Set(ctx context.Context, key, value string) error {
	if err := checkSize(value); err != nil {
		return fmt.Errorf("keychain set %q: %w", key, err)
	}
	_, err := bounded(ctx, s.timeout, func() (struct{}, error) { return struct{}{}, s.kr.Set(s.service, key, value) })
	if err != nil {
		return fmt.Errorf("keychain set %q: %w", key, mapErr(err))
	}
	return nil
}

// Delete removes the item under key; an absent key is not an error.
func (s *OSStore) Delete(ctx context.Context, key string) error {
	_, err := bounded(ctx, s.timeout, func() (struct{}, error) { return struct{}{}, s.kr.Delete(s.service, key) })
	if err = mapErr(err); err != nil && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("keychain delete %q: %w", key, err)
	}
	return nil
}

// Probe reports whether the keychain answers, by looking up an item that need not exist.
func (s *OSStore) Probe(ctx context.Context) error {
	if _, err := s.Get(ctx, probeKey); err != nil && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("probe OS keychain: %w", err)
	}
	return nil
}

// Describe names the OS keychain in use, e.g. "OS keychain (Secret Service)".
func (s *OSStore) Describe() string {
	return "OS keychain (" + keychainName(runtime.GOOS) + ")"
}

// keychainName names the keychain go-keyring talks to on goos.
func keychainName(goos string) string {
	switch goos {
	case "darwin":
		return "macOS Keychain"
	case "windows":
		return "Windows Credential Manager"
	default:
		return "Secret Service"
	}
}

// mapErr turns go-keyring's errors into this package's sentinels; timeouts pass through.
func mapErr(err error) error {
	var te *timeoutError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &te):
		return err
	case errors.Is(err, keyring.ErrNotFound):
		return ErrNotFound
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return fmt.Errorf("%w (%w)", ErrTooLarge, err)
	default:
		return &unavailableError{cause: err}
	}
}
