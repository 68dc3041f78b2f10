package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/linkstep/linkstep/flows/environment"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers"
)

// storageCheck says where tokens would go for the environment and why, with keychain.Auto
// deciding as environment.Open sets it up; it returns the store for the credential checks.
func storageCheck(ctx context.Context, d doctorEnv) (check, keychain.Store) {
	c := check{Name: "storage"}
	opts := environment.StorageOptions(d.kind, d.configDir, d.dataDir, d.insecure)
	opts.Timeout, opts.Primary = d.timeout, d.osStore
	auto := keychain.NewAuto(opts)
	notice := auto.Probe(ctx)
	where := auto.Describe()
	switch {
	case opts.InsecureFile != "":
		c.Status = statusWarn
		c.Detail = fmt.Sprintf("%s tokens go to %s: --insecure-storage keeps them in plaintext", d.kind, where)
		c.Fix = "drop --insecure-storage once the OS keychain works (see the keychain check)"
	case notice == "":
		c.Detail = fmt.Sprintf("%s tokens go to %s: it answered the probe", d.kind, where)
	case d.kind == providers.Embedded:
		c.Status = statusWarn
		c.Detail = notice
		c.Fix = "fine for the embedded sandbox; for --env sandbox or live make the OS keychain work (see the keychain check)"
	default:
		c.Status = statusFail
		c.Detail = notice
		c.Fix = "make the OS keychain work (see the keychain check), or pass --insecure-storage"
	}
	return c, auto
}

// keychainCheck probes the OS keychain itself with a write, read and delete of a throwaway item.
func keychainCheck(ctx context.Context, d doctorEnv) check {
	c := check{Name: "keychain"}
	if d.osStore == nil {
		return relaxed(d, check{Name: "keychain", Status: statusFail, Detail: "no OS keychain to probe", Fix: keychain.CauseUnknown.Fix()})
	}
	took, err := keychain.RoundTrip(ctx, d.osStore, d.timeout)
	took = took.Round(10 * time.Microsecond)
	if err == nil {
		c.Detail = fmt.Sprintf("%s: write, read back and delete of a test item took %s (limit %s)", d.osStore.Describe(), took, d.timeout)
		return c
	}
	cause := keychain.Diagnose(err)
	c.Status = statusFail
	c.Detail = fmt.Sprintf("%s failed after %s: %s", d.osStore.Describe(), took, cause)
	if why := keychain.Reason(err); !strings.Contains(why, cause.String()) {
		c.Detail += " (" + why + ")"
	} else {
		c.Detail = fmt.Sprintf("%s failed after %s: %s", d.osStore.Describe(), took, why)
	}
	c.Fix = cause.Fix()
	return relaxed(d, c)
}

// relaxed turns a failed keychain check into a warning where tokens do not need the OS
// keychain: the embedded sandbox keeps them in memory when it does not answer, and
// --insecure-storage keeps them in a file.
func relaxed(d doctorEnv, c check) check {
	var why string
	switch {
	case d.kind == providers.Embedded:
		why = "not needed for the embedded sandbox"
	case d.insecure:
		why = "not needed for tokens with --insecure-storage (Ivy's API key still is, or IVY_API_KEY)"
	default:
		return c
	}
	c.Status, c.Fix = statusWarn, why+"; to use it: "+c.Fix
	return c
}
