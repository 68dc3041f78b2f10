package keychain

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// noSessionBus says why there is no D-Bus session bus to find a Secret Service on, or "" when
// there may be one (or the OS keychain does not use D-Bus). Without this check godbus would
// autolaunch a session bus, and D-Bus a keyring daemon, that outlive linkstep.
func noSessionBus(getenv func(string) string) string {
	switch runtime.GOOS {
	case "darwin", "windows":
		return ""
	}
	if getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return ""
	}
	if dir := getenv("XDG_RUNTIME_DIR"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "bus")); err == nil {
			return ""
		}
	}
	return "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset)"
}

// sessionBusGuard refuses every call when there is no session bus, instead of letting go-keyring
// start one.
type sessionBusGuard struct {
	backend
	getenv func(string) string
}

// Get reads an item when a session bus exists.
func (g sessionBusGuard) Get(service, user string) (string, error) {
	if why := noSessionBus(g.getenv); why != "" {
		return "", errors.New(why)
	}
	return g.backend.Get(service, user)
}

// Set writes an item when a session bus exists.
func (g sessionBusGuard) Set(service, user, password string) error {
	if why := noSessionBus(g.getenv); why != "" {
		return errors.New(why)
	}
	return g.backend.Set(service, user, password)
}

// Delete removes an item when a session bus exists.
func (g sessionBusGuard) Delete(service, user string) error {
	if why := noSessionBus(g.getenv); why != "" {
		return errors.New(why)
	}
	return g.backend.Delete(service, user)
}
