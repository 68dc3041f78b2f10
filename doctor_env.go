package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers"
	"github.com/linkstep/linkstep/providers/ivy"
	"github.com/linkstep/linkstep/providers/oneid"
	"github.com/linkstep/linkstep/providers/truelayer"
)

// environmentChecks look at the Go runtime, the D-Bus session bus, the XDG dirs and the terminal.
func environmentChecks(d doctorEnv) []check {
	checks := []check{{Name: "go", Detail: fmt.Sprintf("%s %s/%s", d.goVersion, d.goos, d.goarch)}}
	bus := check{Name: "d-bus"}
	switch {
	case d.goos == "darwin" || d.goos == "windows":
		bus.Detail = "not used on " + d.goos
	case d.getenv("DBUS_SESSION_BUS_ADDRESS") != "":
		bus.Detail = "DBUS_SESSION_BUS_ADDRESS=" + d.getenv("DBUS_SESSION_BUS_ADDRESS")
	case keychain.SessionBusProblem(d.getenv) == "":
		bus.Detail = "DBUS_SESSION_BUS_ADDRESS is unset, but $XDG_RUNTIME_DIR/bus exists"
	default:
		bus.Status = statusWarn
		bus.Detail = "DBUS_SESSION_BUS_ADDRESS is unset: no session bus, so no Secret Service"
		bus.Fix = keychain.CauseNoSessionBus.Fix()
	}
	checks = append(checks, bus)

	var xdg []string
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"} {
		val := d.getenv(v)
		if val == "" {
			val = "(unset)"
		}
		xdg = append(xdg, v+"="+val)
	}
	checks = append(checks, check{Name: "xdg", Detail: strings.Join(xdg, " ") + "; config " + orNone(d.configDir) + ", data " + orNone(d.dataDir)})
	return append(checks, terminalCheck(d.getenv))
}

// orNone is s, or "(none)".
func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// terminalCheck says how many colours the TUI can use.
func terminalCheck(getenv func(string) string) check {
	c := check{Name: "terminal"}
	term, colorterm := getenv("TERM"), getenv("COLORTERM")
	switch {
	case getenv("NO_COLOR") != "":
		c.Detail = "NO_COLOR is set: the TUI draws without colour"
	case term == "" || term == "dumb":
		c.Status = statusWarn
		c.Detail = fmt.Sprintf("TERM=%q: the TUI draws without colour and may not draw well", term)
		c.Fix = "export TERM=xterm-256color (or run linkstep in a real terminal)"
	case colorterm == "truecolor" || colorterm == "24bit":
		c.Detail = "TERM=" + term + " COLORTERM=" + colorterm + ": 24-bit colour"
	case strings.Contains(term, "256color"):
		c.Detail = "TERM=" + term + ": 256 colours"
	default:
		c.Detail = "TERM=" + term + ": 16 colours (export TERM=xterm-256color or COLORTERM=truecolor if your terminal does better)"
	}
	return c
}

// credentialChecks say, per provider, whether the environment has the credentials it needs,
// masked: where each comes from and its length, never its value.
func credentialChecks(ctx context.Context, d doctorEnv, store keychain.Store) []check {
	if d.kind == providers.Embedded {
		var checks []check
		for _, id := range []string{truelayer.ID, oneid.ID, ivy.ID} {
			checks = append(checks, check{Name: "credentials " + id, Detail: "the embedded sandbox's own client: nothing to configure"})
		}
		return checks
	}
	path := ""
	if d.configDir != "" {
		path = filepath.Join(d.configDir, providers.ConfigFile)
	}
	note := ""
	file, err := providers.ReadConfig(path, d.getenv)
	if err != nil {
		note = " (config.json unusable, see its check: environment variables only)"
		file, _ = providers.ReadConfig("", d.getenv)
	}
	source := func(envVar, value string) string {
		switch {
		case value == "":
			return "missing"
		case strings.TrimSpace(d.getenv(envVar)) != "":
			return fmt.Sprintf("set from %s (%s)", envVar, mask(value))
		default:
			return fmt.Sprintf("set in config.json (%s)", mask(value))
		}
	}
	var checks []check
	configured := 0

	tl, err := truelayer.LoadConfig(file)
	tlc := check{Name: "credentials " + truelayer.ID}
	if err == nil {
		tlc.Detail = "client id " + source(truelayer.EnvClientID, tl.ClientID) + ", client secret " + source(truelayer.EnvClientSecret, tl.ClientSecret) + note
		err = tl.Check(d.kind, path)
	}
	if err == nil {
		configured++
		if w := tl.Warning(d.kind); w != "" {
			tlc.Status, tlc.Fix = statusWarn, w
		}
	} else {
		tlc.Status, tlc.Fix = statusWarn, err.Error()
		if tlc.Detail == "" {
			tlc.Detail = "unreadable: " + err.Error()
		}
	}
	checks = append(checks, tlc)

	oi, err := oneid.LoadConfig(file)
	oic := check{Name: "credentials " + oneid.ID}
	if err == nil {
		oic.Detail = "client id " + source(oneid.EnvClientID, oi.ClientID) + ", client secret " + source(oneid.EnvClientSecret, oi.ClientSecret) + note
		err = oi.Check(d.kind, path)
	}
	if err == nil {
		configured++
	} else {
		oic.Status, oic.Fix = statusWarn, err.Error()
		if oic.Detail == "" {
			oic.Detail = "unreadable: " + err.Error()
		}
	}
	checks = append(checks, oic)

	iv := ivy.LoadConfig(file)
	ivc := check{Name: "credentials " + ivy.ID}
	switch {
	case iv.APIKey != "":
		ivc.Detail = "API key set from " + ivy.EnvAPIKey + " (" + mask(iv.APIKey) + ")"
	default:
		kctx, cancel := context.WithTimeout(ctx, d.timeout)
		key, kerr := store.Get(kctx, ivy.KeychainAPIKey(d.kind))
		cancel()
		switch {
		case kerr == nil && key != "":
			iv.APIKey = key
			ivc.Detail = "API key in the keychain item " + ivy.KeychainAPIKey(d.kind) + " (" + mask(key) + ")"
		case kerr == nil || errors.Is(kerr, keychain.ErrNotFound):
			ivc.Detail = "API key missing: not in " + ivy.EnvAPIKey + " nor in the keychain"
		default:
			ivc.Detail = "API key missing: not in " + ivy.EnvAPIKey + ", and the keychain could not be read (" + keychain.Reason(kerr) + ")"
		}
	}
	if iv.WebhookSecret != "" {
		ivc.Detail += "; webhook secret set from " + ivy.EnvWebhookSecret + " (" + mask(iv.WebhookSecret) + ")"
	}
	if err := iv.Check(d.kind); err != nil {
		ivc.Status, ivc.Fix = statusWarn, err.Error()
	} else {
		configured++
	}
	checks = append(checks, ivc)

	if configured == 0 { // environment.Open refuses a real environment without any provider
		for i := range checks {
			checks[i].Status = statusFail
		}
	}
	return checks
}

// mask stands for a secret: its length only, never a character of it.
