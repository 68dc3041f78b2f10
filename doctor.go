package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
	"github.com/linkstep/linkstep/providers/ivy"
	"github.com/linkstep/linkstep/providers/oneid"
	"github.com/linkstep/linkstep/providers/truelayer"
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

// storageCheck says where tokens would go for the environment and why, with keychain.Auto
// deciding as environment.Open sets it up; it returns the store for the credential checks.
func storageCheck(ctx context.Context, d doctorEnv) (check, keychain.Store) {
	c := check{Name: "storage"}
	opts := keychain.AutoOptions{Service: environment.KeychainService, Timeout: d.timeout, Primary: d.osStore, AllowMemoryFallback: d.kind == providers.Embedded}
	if d.kind == providers.Embedded && d.dataDir != "" {
		opts.SandboxFile = filepath.Join(d.dataDir, "sandbox-tokens.json")
	}
	if d.insecure && d.configDir != "" {
		opts.InsecureFile = filepath.Join(d.configDir, "secrets.json")
	}
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
		return check{Name: "keychain", Status: statusFail, Detail: "no OS keychain to probe", Fix: keychain.CauseUnknown.Fix()}
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
	return c
}

// fileChecks look at the config and data dirs and every file linkstep keeps in them.
func fileChecks(d doctorEnv) []check {
	var checks []check
	if d.configDir == "" {
		checks = append(checks, check{Name: "config dir", Status: statusFail, Detail: "no user config dir (HOME and XDG_CONFIG_HOME are unset)", Fix: "set HOME or XDG_CONFIG_HOME"})
	} else {
		checks = append(checks,
			dirCheck("config dir", d.configDir),
			fileCheck("config.json", filepath.Join(d.configDir, providers.ConfigFile), 0o077, parseConfig),
			fileCheck("connections.json", filepath.Join(d.configDir, "connections.json"), 0, parseIndex),
			fileCheck("secrets.json", filepath.Join(d.configDir, "secrets.json"), 0o177, parseItems),
		)
	}
	if d.dataDir == "" {
		return append(checks, check{Name: "data dir", Status: statusFail, Detail: "no user data dir (HOME and XDG_DATA_HOME are unset)", Fix: "set HOME or XDG_DATA_HOME"})
	}
	sandboxDir := filepath.Join(d.dataDir, "sandbox")
	return append(checks,
		dirCheck("data dir", d.dataDir),
		fileCheck("sandbox-tokens.json", filepath.Join(d.dataDir, "sandbox-tokens.json"), 0o177, parseItems),
		dirCheck("sandbox state dir", sandboxDir),
		fileCheck("sandbox/truelayer.json", filepath.Join(sandboxDir, "truelayer.json"), 0, parseState),
		fileCheck("sandbox/ivy.json", filepath.Join(sandboxDir, "ivy.json"), 0, parseState),
	)
}

// dirCheck checks a directory exists (or can be made) and is 0700.
func dirCheck(name, path string) check {
	c := check{Name: name}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		c.Detail = path + " does not exist yet (made 0700 on first use)"
		return c
	case err != nil:
		return check{Name: name, Status: statusFail, Detail: err.Error(), Fix: "make it reachable: chmod u+rx on " + filepath.Dir(path)}
	case !info.IsDir():
		return check{Name: name, Status: statusFail, Detail: path + " is not a directory", Fix: "move it aside: mv " + path + " " + path + ".bak"}
	}
	if perm := info.Mode().Perm(); runtime.GOOS != "windows" && perm&0o077 != 0 {
		c.Status = statusWarn
		c.Detail = fmt.Sprintf("%s has mode %04o, wider than 0700", path, perm)
		c.Fix = "chmod 700 " + path
		return c
	}
	c.Detail = fmt.Sprintf("%s (mode %04o)", path, info.Mode().Perm())
	return c
}

// fileCheck checks a file's mode and contents. A missing file is fine. A mode wider than 0600
// is a warning, or a failure where it has a bit of refused (linkstep refuses to read the file).
func fileCheck(name, path string, refused fs.FileMode, parse func(path string, data []byte) (string, *check)) check {
	c := check{Name: name}
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		c.Detail = path + " does not exist (none yet)"
		return c
	case err != nil:
		return check{Name: name, Status: statusFail, Detail: err.Error(), Fix: "make it reachable: chmod u+rx " + filepath.Dir(path)}
	case info.IsDir():
		return check{Name: name, Status: statusFail, Detail: path + " is a directory", Fix: "move it aside: mv " + path + " " + path + ".bak"}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return check{Name: name, Status: statusFail, Detail: fmt.Sprintf("cannot read %s: %v", path, err), Fix: "chmod 600 " + path + " (and chown it to you)"}
	}
	summary, bad := parse(path, data)
	if bad != nil {
		bad.Name = name
		return *bad
	}
	perm := info.Mode().Perm()
	c.Detail = fmt.Sprintf("%s (mode %04o): %s", path, perm, summary)
	if runtime.GOOS != "windows" && perm&^0o600 != 0 {
		c.Status = statusWarn
		c.Detail = fmt.Sprintf("%s has mode %04o, wider than 0600: %s", path, perm, summary)
		if perm&refused != 0 {
			c.Status = statusFail
			c.Detail = fmt.Sprintf("%s has mode %04o, wider than 0600, so linkstep refuses to read it", path, perm)
		}
		c.Fix = "chmod 600 " + path
	}
	return c
}

// corrupt is the failed check for a file that cannot be parsed, with the fix.
func corrupt(path, what, consequence string) *check {
	return &check{Status: statusFail, Detail: path + " " + what, Fix: "fix it by hand, or move it aside: mv " + path + " " + path + ".bak (" + consequence + ")"}
}

// syntaxAt says where JSON stopped parsing, without quoting the file.
func syntaxAt(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf(" (at byte %d)", se.Offset)
	}
	return ""
}

// parseConfig reads config.json's sections, naming them.
func parseConfig(path string, data []byte) (string, *check) {
	var sections map[string]json.RawMessage
	if err := json.Unmarshal(data, &sections); err != nil {
		return "", corrupt(path, "is not a JSON object"+syntaxAt(err), "then set credentials in environment variables")
	}
	var names []string
	for _, n := range []string{truelayer.ID, oneid.ID, ivy.ID} {
		if _, ok := sections[n]; ok {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return "no provider sections", nil
	}
	return "sections " + strings.Join(names, ", "), nil
}

// parseIndex reads the connection index as keychain.Index does.
func parseIndex(path string, _ []byte) (string, *check) {
	conns, err := keychain.OpenIndex(path).List()
	if errors.Is(err, keychain.ErrCorruptIndex) {
		return "", corrupt(path, "is a corrupt connection index"+syntaxAt(err), "linkstep starts a new index; the tokens stay where they are")
	}
	if err != nil {
		return "", &check{Status: statusFail, Detail: err.Error(), Fix: "chmod 600 " + path}
	}
	return fmt.Sprintf("%d connection(s)", len(conns)), nil
}

// parseItems reads a secrets file, counting its items and never showing one.
func parseItems(path string, data []byte) (string, *check) {
	if len(strings.TrimSpace(string(data))) == 0 {
		return "empty", nil
	}
	var items map[string]string
	if err := json.Unmarshal(data, &items); err != nil {
		return "", corrupt(path, "is not a JSON object of items"+syntaxAt(err), "the tokens in it are lost; connect again")
	}
	return fmt.Sprintf("%d item(s), values not shown", len(items)), nil
}

// parseState checks a sandbox state file is JSON.
func parseState(path string, data []byte) (string, *check) {
	if !json.Valid(data) {
		var v any
		return "", corrupt(path, "is not valid JSON"+syntaxAt(json.Unmarshal(data, &v)), "the embedded sandbox starts afresh; connections it made stop working")
	}
	return "valid", nil
}

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
