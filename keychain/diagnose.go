package keychain

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Cause is why the OS keychain failed, as linkstep doctor reports it.
type Cause int

// The causes Diagnose tells apart.
const (
	CauseUnknown         Cause = iota // none of the below
	CauseNoSessionBus                 // no D-Bus session bus to find a Secret Service on
	CauseNoSecretService              // a session bus, but no Secret Service on it
	CauseLocked                       // the collection is locked and was not unlocked
	CauseTimeout                      // no answer in time (often an unlock prompt nobody sees)
)

// String names the cause.
func (c Cause) String() string {
	switch c {
	case CauseNoSessionBus:
		return "no D-Bus session bus"
	case CauseNoSecretService:
		return "no Secret Service on the session bus"
	case CauseLocked:
		return "keyring locked"
	case CauseTimeout:
		return "no answer in time"
	default:
		return "keychain error"
	}
}

// insecureFix is the way around every keychain problem.
const insecureFix = "or pass --insecure-storage to keep tokens in a 0600 file"

// Fix says what to do about the cause.
func (c Cause) Fix() string {
	switch c {
	case CauseNoSessionBus:
		return "run in a desktop session, or start a session bus with a keyring: dbus-run-session -- sh -c 'printf PASSWORD | gnome-keyring-daemon --unlock --components=secrets; linkstep ...'; " + insecureFix
	case CauseNoSecretService:
		return "start a Secret Service on the session bus: printf PASSWORD | gnome-keyring-daemon --unlock --components=secrets (apt-get install gnome-keyring), or enable KeePassXC's Secret Service integration; " + insecureFix
	case CauseLocked:
		return "unlock the login keyring (Seahorse, or printf PASSWORD | gnome-keyring-daemon --replace --unlock --components=secrets); " + insecureFix
	case CauseTimeout:
		return "the keychain is probably waiting on an unlock prompt: unlock the login keyring (Seahorse, or printf PASSWORD | gnome-keyring-daemon --replace --unlock --components=secrets); " + insecureFix
	default:
		return "check the keychain service is running and unlocked; " + insecureFix
	}
}

// Diagnose tells why err made the OS keychain fail.
func Diagnose(err error) Cause {
	if err == nil {
		return CauseUnknown
	}
	if errors.Is(err, ErrTimeout) || errors.Is(err, context.DeadlineExceeded) {
		return CauseTimeout
	}
	msg := strings.ToLower(err.Error())
	switch {
	case strings.Contains(msg, "no d-bus session bus"), strings.Contains(msg, "dbus_session_bus_address"):
		return CauseNoSessionBus
	case strings.Contains(msg, "org.freedesktop.secrets"), strings.Contains(msg, "serviceunknown"), strings.Contains(msg, "was not provided by any .service files"):
		return CauseNoSecretService
	case strings.Contains(msg, "unlock"), strings.Contains(msg, "locked"), strings.Contains(msg, "dismissed"):
		return CauseLocked
	}
	return CauseUnknown
}

// Reason is the most useful short text for why err made storage unavailable.
func Reason(err error) string { return reason(err) }

// SessionBusProblem says why there is no D-Bus session bus for the Secret Service, or "" when
// there may be one (or the OS keychain does not use D-Bus).
func SessionBusProblem(getenv func(string) string) string { return noSessionBus(getenv) }

// doctorKeyPrefix starts the throwaway items RoundTrip writes.
const doctorKeyPrefix = "linkstep-doctor-"

// RoundTrip writes a throwaway item to s, reads it back and deletes it, all within timeout
// (DefaultTimeout when 0), and returns how long that took. The item's key and value are
// random, so doctors running side by side do not meet.
func RoundTrip(ctx context.Context, s Store, timeout time.Duration) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, orDefault(timeout))
	defer cancel()
	key, value := doctorKeyPrefix+randomHex(), "probe-"+randomHex()
	start := time.Now()
	if err := s.Set(ctx, key, value); err != nil {
		return time.Since(start), fmt.Errorf("write a test item: %w", err)
	}
	got, err := s.Get(ctx, key)
	if err != nil {
		_ = s.Delete(ctx, key)
		return time.Since(start), fmt.Errorf("read the test item back: %w", err)
	}
	if got != value {
		_ = s.Delete(ctx, key)
		return time.Since(start), fmt.Errorf("read the test item back: %w: got a different value", ErrUnavailable)
	}
	if err := s.Delete(ctx, key); err != nil {
		return time.Since(start), fmt.Errorf("delete the test item: %w", err)
	}
	return time.Since(start), nil
}

// randomHex is 8 random bytes in hex.
func randomHex() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
