package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linkstep/linkstep/flows/headless"
	"github.com/linkstep/linkstep/keychain"
	"github.com/linkstep/linkstep/providers"
)

// failingStore is an OS keychain whose every call fails with err.
type failingStore struct{ err error }

func (f failingStore) Get(context.Context, string) (string, error) { return "", f.err }
func (f failingStore) Set(context.Context, string, string) error   { return f.err }
func (f failingStore) Delete(context.Context, string) error        { return f.err }
func (f failingStore) Describe() string                            { return "OS keychain (fake)" }

// hangingStore is an OS keychain that never answers, like one waiting on an unlock prompt.
type hangingStore struct{}

func (hangingStore) Get(ctx context.Context, _ string) (string, error) {
	<-ctx.Done()
	return "", ctx.Err()
}
func (hangingStore) Set(ctx context.Context, _, _ string) error { <-ctx.Done(); return ctx.Err() }
func (hangingStore) Delete(ctx context.Context, _ string) error { <-ctx.Done(); return ctx.Err() }
func (hangingStore) Describe() string                           { return "OS keychain (hanging)" }

// fakeDoctor is a doctor environment in temporary dirs, with env vars from vars.
func fakeDoctor(t *testing.T, kind providers.Environment, store keychain.Store, vars map[string]string) doctorEnv {
	t.Helper()
	root := t.TempDir()
	return doctorEnv{
		kind:      kind,
		getenv:    func(k string) string { return vars[k] },
		configDir: filepath.Join(root, "config", "linkstep"),
		dataDir:   filepath.Join(root, "data", "linkstep"),
		osStore:   store,
		timeout:   200 * time.Millisecond,
		goVersion: "go1.26.0", goos: "linux", goarch: "amd64",
	}
}

// writeFile writes data at path with mode, making its directory 0700.
func writeFile(t *testing.T, path, data string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

// byName finds the check called name.
func byName(t *testing.T, checks []check, name string) check {
	t.Helper()
	for _, c := range checks {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no check %q in %+v", name, checks)
	return check{}
}

func TestDoctorChecks(t *testing.T) {
	type want struct {
		status checkStatus
		fix    string // a part of the fix; "" means no fix
		detail string // a part of the detail
	}
	tests := []struct {
		name     string
		kind     providers.Environment
		insecure bool
		store    keychain.Store
		vars     map[string]string
		setup    func(t *testing.T, d doctorEnv)
		want     map[string]want
		failed   bool
	}{
		{
			name: "healthy embedded", kind: providers.Embedded, store: keychain.NewMemory(),
			vars: map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1/bus", "TERM": "xterm-256color"},
			want: map[string]want{
				"storage":  {status: statusOK, detail: "it answered the probe"},
				"keychain": {status: statusOK, detail: "write, read back and delete"},
				"d-bus":    {status: statusOK},
				"terminal": {status: statusOK, detail: "256 colours"},
			},
		},
		{
			name: "no session bus", kind: providers.Embedded,
			store: failingStore{errors.New("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset)")},
			want: map[string]want{
				"storage":  {status: statusWarn, detail: "sandbox-tokens.json", fix: "fine for the embedded sandbox"},
				"keychain": {status: statusWarn, detail: "no D-Bus session bus", fix: "not needed for the embedded sandbox; to use it: run in a desktop session"},
				"d-bus":    {status: statusWarn, fix: "dbus-run-session"},
				"terminal": {status: statusWarn, fix: "TERM=xterm-256color"},
			},
		},
		{
			name: "insecure storage without a keychain", kind: providers.Sandbox, insecure: true,
			store: failingStore{errors.New("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset)")},
			vars: map[string]string{"TRUELAYER_CLIENT_ID": "sandbox-client", "TRUELAYER_CLIENT_SECRET": "tl-secret-value",
				"ONEID_CLIENT_ID": "sandbox-oneid", "ONEID_CLIENT_SECRET": "oneid-secret-value", "IVY_API_KEY": "ivy-key-value"},
			want: map[string]want{
				"storage":  {status: statusWarn, fix: "drop --insecure-storage"},
				"keychain": {status: statusWarn, detail: "no D-Bus session bus", fix: "not needed for tokens with --insecure-storage"},
			},
		},
		{
			name: "no secret service", kind: providers.Sandbox,
			store:  failingStore{errors.New("The name org.freedesktop.secrets was not provided by any .service files")},
			want:   map[string]want{"keychain": {status: statusFail, detail: "no Secret Service", fix: "gnome-keyring-daemon --unlock"}},
			failed: true,
		},
		{
			name: "locked collection", kind: providers.Sandbox,
			store:  failingStore{errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")},
			want:   map[string]want{"keychain": {status: statusFail, detail: "keyring locked", fix: "unlock the login keyring"}},
			failed: true,
		},
		{
			name: "timeout", kind: providers.Sandbox, store: hangingStore{},
			want: map[string]want{
				"keychain": {status: statusFail, detail: "no answer in time", fix: "--insecure-storage"},
				"storage":  {status: statusFail, fix: "--insecure-storage"},
			},
			failed: true,
		},
		{
			name: "live without a keychain", kind: providers.Live,
			store: failingStore{errors.New("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset)")},
			vars:  map[string]string{"TRUELAYER_CLIENT_ID": "live-client", "TRUELAYER_CLIENT_SECRET": "tl-secret-value"},
			want: map[string]want{
				"storage":               {status: statusFail, fix: "--insecure-storage"},
				"credentials truelayer": {status: statusOK, detail: "set from TRUELAYER_CLIENT_SECRET"},
				"credentials oneid":     {status: statusWarn, fix: "ONEID_CLIENT_ID"},
				"credentials ivy":       {status: statusWarn, fix: "linkstep keys set ivy"},
			},
			failed: true,
		},
		{
			name: "insecure storage", kind: providers.Sandbox, insecure: true, store: keychain.NewMemory(),
			vars: map[string]string{"IVY_API_KEY": "ivy-key-value"},
			want: map[string]want{
				"storage":         {status: statusWarn, detail: "secrets.json", fix: "drop --insecure-storage"},
				"credentials ivy": {status: statusOK, detail: "set from IVY_API_KEY"},
			},
		},
		{
			name: "sandbox without any credentials", kind: providers.Sandbox, store: keychain.NewMemory(),
			want: map[string]want{
				"credentials truelayer": {status: statusFail, fix: "TRUELAYER_CLIENT_ID"},
				"credentials oneid":     {status: statusFail, fix: "ONEID_CLIENT_SECRET"},
				"credentials ivy":       {status: statusFail, detail: "nor in the keychain", fix: "IVY_API_KEY"},
			},
			failed: true,
		},
		{
			name: "wide modes", kind: providers.Embedded, store: keychain.NewMemory(),
			setup: func(t *testing.T, d doctorEnv) {
				writeFile(t, filepath.Join(d.configDir, "connections.json"), `{"connections": []}`, 0o644)
				writeFile(t, filepath.Join(d.configDir, "config.json"), `{"truelayer": {}}`, 0o644)
				writeFile(t, filepath.Join(d.configDir, "secrets.json"), `{}`, 0o640)
				writeFile(t, filepath.Join(d.dataDir, "sandbox", "ivy.json"), `{}`, 0o666)
				if err := os.Chmod(d.configDir, 0o755); err != nil {
					t.Fatal(err)
				}
			},
			want: map[string]want{
				"config dir":       {status: statusWarn, detail: "wider than 0700", fix: "chmod 700 "},
				"connections.json": {status: statusWarn, detail: "0644", fix: "chmod 600 "},
				"config.json":      {status: statusFail, detail: "refuses to read it", fix: "chmod 600 "},
				"secrets.json":     {status: statusFail, detail: "0640", fix: "chmod 600 "},
				"sandbox/ivy.json": {status: statusWarn, fix: "chmod 600 "},
				"data dir":         {status: statusOK},
			},
			failed: true,
		},
		{
			name: "corrupt files", kind: providers.Embedded, store: keychain.NewMemory(),
			setup: func(t *testing.T, d doctorEnv) {
				writeFile(t, filepath.Join(d.configDir, "connections.json"), `{"connections": [`, 0o600)
				writeFile(t, filepath.Join(d.dataDir, "sandbox-tokens.json"), `["a"]`, 0o600)
				writeFile(t, filepath.Join(d.dataDir, "sandbox", "truelayer.json"), `{oops`, 0o600)
			},
			want: map[string]want{
				"connections.json":       {status: statusFail, detail: "corrupt connection index", fix: "connections.json.bak"},
				"sandbox-tokens.json":    {status: statusFail, detail: "not a JSON object of items", fix: "mv "},
				"sandbox/truelayer.json": {status: statusFail, detail: "not valid JSON", fix: "starts afresh"},
			},
			failed: true,
		},
		{
			name: "good files", kind: providers.Embedded, store: keychain.NewMemory(),
			setup: func(t *testing.T, d doctorEnv) {
				writeFile(t, filepath.Join(d.configDir, "connections.json"), `{"connections": [{"provider":"truelayer","environment":"embedded","id":"c1"}]}`, 0o600)
				writeFile(t, filepath.Join(d.configDir, "config.json"), `{"truelayer": {"client_id": "x"}}`, 0o600)
				writeFile(t, filepath.Join(d.dataDir, "sandbox-tokens.json"), `{"k": "v"}`, 0o600)
			},
			want: map[string]want{
				"config dir":          {status: statusOK, detail: "0700"},
				"connections.json":    {status: statusOK, detail: "1 connection(s)"},
				"config.json":         {status: statusOK, detail: "sections truelayer"},
				"sandbox-tokens.json": {status: statusOK, detail: "1 item(s), values not shown"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fakeDoctor(t, tt.kind, tt.store, tt.vars)
			d.insecure = tt.insecure
			if tt.setup != nil {
				tt.setup(t, d)
			}
			checks := runDoctor(t.Context(), d)
			for name, w := range tt.want {
				c := byName(t, checks, name)
				if c.Status != w.status {
					t.Errorf("%s: status %s, want %s (%s; fix %q)", name, c.Status, w.status, c.Detail, c.Fix)
				}
				if !strings.Contains(c.Detail, w.detail) {
					t.Errorf("%s: detail %q, want it to mention %q", name, c.Detail, w.detail)
				}
				if w.fix == "" && c.Fix != "" {
					t.Errorf("%s: fix %q, want none", name, c.Fix)
				}
				if !strings.Contains(c.Fix, w.fix) {
					t.Errorf("%s: fix %q, want it to mention %q", name, c.Fix, w.fix)
				}
			}
			for _, c := range checks {
				if c.Status != statusOK && c.Fix == "" {
					t.Errorf("%s is %s without a fix: %s", c.Name, c.Status, c.Detail)
				}
			}
			if err := doctorVerdict(checks); (err != nil) != tt.failed {
				t.Errorf("verdict %v, want failed=%v", err, tt.failed)
			}
		})
	}
}

func TestDoctorNeverPrintsSecrets(t *testing.T) {
	secrets := []string{"tl-secret-0123456789", "oneid-secret-abcdef", "ivy-api-key-98765", "ivy-webhook-secret-xyz", "stored-token-value-42", "sandbox-token-value-7"}
	vars := map[string]string{
		"TRUELAYER_CLIENT_ID": "live-client", "TRUELAYER_CLIENT_SECRET": secrets[0],
		"ONEID_CLIENT_ID": "oneid-client", "ONEID_CLIENT_SECRET": secrets[1],
		"IVY_API_KEY": secrets[2], "IVY_WEBHOOK_SECRET": secrets[3],
	}
	for _, insecure := range []bool{false, true} {
		d := fakeDoctor(t, providers.Live, keychain.NewMemory(), vars)
		d.insecure = insecure
		writeFile(t, filepath.Join(d.configDir, "secrets.json"), `{"truelayer/live/c1/access_token": "`+secrets[4]+`"}`, 0o644)
		writeFile(t, filepath.Join(d.dataDir, "sandbox-tokens.json"), `{"k": "`+secrets[5]+`"`, 0o600) // corrupt too
		writeFile(t, filepath.Join(d.configDir, "config.json"), `{"oneid": {"client_secret": "`+secrets[1]+`"}}`, 0o600)
		checks := runDoctor(t.Context(), d)
		for _, format := range []headless.Format{headless.Text, headless.JSON} {
			var out bytes.Buffer
			if err := writeChecks(&out, checks, format); err != nil {
				t.Fatal(err)
			}
			for _, s := range secrets {
				if strings.Contains(out.String(), s) {
					t.Errorf("insecure=%v %s output shows the secret %q:\n%s", insecure, format, s, out.String())
				}
			}
		}
	}
}

func TestDoctorCommand(t *testing.T) {
	t.Run("json", func(t *testing.T) {
		dir := isolate(t)
		writeFile(t, filepath.Join(dir, "linkstep", "connections.json"), `not json`, 0o600)
		code, stdout, stderr := run(t, "doctor", "--output", "json")
		if code != exitFailed {
			t.Fatalf("exit %d, want %d (a corrupt index fails); stderr %s", code, exitFailed, stderr)
		}
		var got struct {
			Checks []map[string]string `json:"checks"`
		}
		dec := json.NewDecoder(strings.NewReader(stdout))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&got); err != nil || dec.More() {
			t.Fatalf("stdout is not one {\"checks\": [...]}: %v\n%s", err, stdout)
		}
		found := false
		for _, c := range got.Checks {
			for _, k := range []string{"name", "status", "detail"} {
				if _, ok := c[k]; !ok {
					t.Errorf("check %v has no %q", c, k)
				}
			}
			if c["name"] == "connections.json" {
				found = c["status"] == "fail" && strings.Contains(c["fix"], "mv ")
			}
		}
		if !found {
			t.Errorf("no failed connections.json check with a fix in %s", stdout)
		}
		if !strings.Contains(stderr, "connections.json") {
			t.Errorf("stderr %q does not name the failed check", stderr)
		}
	})
	t.Run("bad env", func(t *testing.T) {
		isolate(t)
		code, stdout, _ := run(t, "doctor", "--env", "nowhere", "--output", "json")
		if code != exitUsage || !strings.Contains(stdout, `"--env"`) {
			t.Fatalf("exit %d, stdout %s; want %d and the JSON error naming --env", code, stdout, exitUsage)
		}
	})
}
