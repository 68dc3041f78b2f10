package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/linkstep/linkstep/flows/environment"
	"github.com/linkstep/linkstep/flows/headless"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers"
)

// checkStatus is how a doctor check came out.
type checkStatus int

// The statuses of a check, from best to worst.
const (
	statusOK checkStatus = iota
	statusWarn
	statusFail
)

// String is the status as the output shows it.
func (s checkStatus) String() string {
	switch s {
	case statusOK:
		return "ok"
	case statusWarn:
		return "warn"
	default:
		return "fail"
	}
}

// MarshalText writes the status as its name.
func (s checkStatus) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// check is one thing the doctor looked at: what it found and, when not ok, the fix.
type check struct {
	Name   string      `json:"name"`
	Status checkStatus `json:"status"`
	Detail string      `json:"detail"`
	Fix    string      `json:"fix,omitempty"`
}

// doctorEnv is what the doctor examines; the command fills it from the process, tests from
// temporary directories and fakes.
type doctorEnv struct {
	kind      providers.Environment
	insecure  bool
	getenv    func(string) string
	configDir string
	dataDir   string
	osStore   keychain.Store // the OS keychain itself, probed directly
	timeout   time.Duration  // bounds the keychain probe and round trip
	goVersion string
	goos      string
	goarch    string
}

// doctorOutput is the doctor's --output. It is not a *headless.Format on purpose: the checks
// are the doctor's whole answer on stdout, so a failed check is reported on stderr only.
type doctorOutput struct{ f headless.Format }

func (o *doctorOutput) String() string     { return o.f.String() }
func (o *doctorOutput) Set(s string) error { return o.f.Set(s) }
func (o *doctorOutput) Type() string       { return o.f.Type() }

// Valid are the values --output accepts.
func (o *doctorOutput) Valid() []string { return o.f.Valid() }

// newDoctorCommand checks where tokens would go and why, the OS keychain, the files linkstep
// keeps, the environment and the credentials, and prints the fix for each problem.
func newDoctorCommand(g *globalFlags, std streams) *cobra.Command {
	output := doctorOutput{f: headless.Text}
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check the keychain, files, environment and credentials, with the fix for each problem",
		Long: "doctor says which store tokens would go to for --env and why, probes the OS keychain with\n" +
			"its timing, checks the config and data files' permissions and contents, the Go and D-Bus\n" +
			"environment and each provider's credentials (never printing a secret).\n" +
			"Exit codes: 0 nothing failed (warnings allowed), 1 a check failed, 2 a flag is wrong.",
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			kind, err := providers.ParseEnvironment(g.env)
			if err != nil {
				uerr := asUsage(environmentError(err))
				if output.f == headless.JSON {
					headless.WriteFailure(std.stdout, io.Discard, uerr, headless.JSON)
				}
				return uerr
			}
			d := doctorEnv{
				kind: kind, insecure: g.insecureStorage, getenv: os.Getenv,
				osStore:   keychain.NewOS(environment.KeychainService, keychain.DefaultTimeout),
				timeout:   keychain.DefaultTimeout,
				goVersion: runtime.Version(), goos: runtime.GOOS, goarch: runtime.GOARCH,
			}
			d.configDir, _ = keychain.ConfigDir()
			d.dataDir, _ = userDataDir(os.Getenv)
			checks := runDoctor(c.Context(), d)
			if err := writeChecks(std.stdout, checks, output.f); err != nil {
				return err
			}
			return doctorVerdict(checks)
		},
	}
	cmd.Flags().Var(&output, "output", "format: text or json")
	return cmd
}

// doctorVerdict is nil when no check failed, else an exit-1 error naming the failed checks.
func doctorVerdict(checks []check) error {
	var failed []string
	for _, c := range checks {
		if c.Status == statusFail {
			failed = append(failed, c.Name)
		}
	}
	if len(failed) == 0 {
		return nil
	}
	return &exitError{exit: exitFailed, code: "doctor_failed", err: fmt.Errorf("doctor: %d check(s) failed: %s", len(failed), strings.Join(failed, ", "))}
}

// userDataDir is linkstep's directory in the user data dir, as environment.Open finds it.
func userDataDir(getenv func(string) string) (string, error) {
	if xdg := getenv("XDG_DATA_HOME"); xdg != "" {
		return filepath.Join(xdg, "linkstep"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the data dir: %w", err)
	}
	return filepath.Join(home, ".local", "share", "linkstep"), nil
}

// runDoctor runs every check, in the order the output lists them.
func runDoctor(ctx context.Context, d doctorEnv) []check {
	if d.getenv == nil {
		d.getenv = os.Getenv
	}
	storage, store := storageCheck(ctx, d)
	checks := []check{storage, keychainCheck(ctx, d)}
	checks = append(checks, fileChecks(d)...)
	checks = append(checks, environmentChecks(d)...)
	checks = append(checks, credentialChecks(ctx, d, store)...)
	return checks
}

func mask(secret string) string {
	return fmt.Sprintf("%d chars, masked", len(secret))
}

// writeChecks writes the checks as text for people or as {"checks": [...]} for scripts.
func writeChecks(w io.Writer, checks []check, format headless.Format) error {
	if format == headless.JSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Checks []check `json:"checks"`
		}{checks})
	}
	width := 0
	for _, c := range checks {
		width = max(width, len(c.Name))
	}
	counts := map[checkStatus]int{}
	for _, c := range checks {
		counts[c.Status]++
		fmt.Fprintf(w, "%-4s  %-*s  %s\n", c.Status, width, c.Name, c.Detail)
		if c.Fix != "" {
			fmt.Fprintf(w, "%-4s  %-*s  fix: %s\n", "", width, "", c.Fix)
		}
	}
	_, err := fmt.Fprintf(w, "\n%d ok, %d warning(s), %d failed\n", counts[statusOK], counts[statusWarn], counts[statusFail])
	return err
}
