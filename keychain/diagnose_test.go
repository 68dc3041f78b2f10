package keychain

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRoundTripAndDiagnose(t *testing.T) {
	tests := []struct {
		name  string
		kr    backend
		env   map[string]string
		cause Cause
		ok    bool
	}{
		{name: "answers", kr: &fakeKeyring{}, env: map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"}, ok: true},
		{name: "no session bus", kr: &fakeKeyring{}, cause: CauseNoSessionBus},
		{name: "no secret service", kr: &fakeKeyring{err: errors.New("The name org.freedesktop.secrets was not provided by any .service files")}, env: map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"}, cause: CauseNoSecretService},
		{name: "locked", kr: &fakeKeyring{err: errors.New("failed to unlock correct collection '/x'")}, env: map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"}, cause: CauseLocked},
		{name: "hangs", kr: newHangingKeyring(), env: map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"}, cause: CauseTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if hk, ok := tt.kr.(*hangingKeyring); ok {
				t.Cleanup(func() { close(hk.release) })
			}
			s := newOS("", 50*time.Millisecond, sessionBusGuard{backend: tt.kr, getenv: func(k string) string { return tt.env[k] }})
			_, err := RoundTrip(t.Context(), s, 50*time.Millisecond)
			if (err == nil) != tt.ok {
				t.Fatalf("RoundTrip: %v, want ok=%v", err, tt.ok)
			}
			if tt.ok {
				if fk, ok := tt.kr.(*fakeKeyring); ok && len(fk.items) != 0 {
					t.Errorf("round trip left items behind: %v", fk.items)
				}
				return
			}
			if got := Diagnose(err); got != tt.cause {
				t.Errorf("Diagnose(%v) = %s, want %s", err, got, tt.cause)
			}
			if !strings.Contains(tt.cause.Fix(), "--insecure-storage") {
				t.Errorf("fix %q does not offer --insecure-storage", tt.cause.Fix())
			}
		})
	}
}
