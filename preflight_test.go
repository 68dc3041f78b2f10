package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/environment"
)

// breakFile replaces the file at path (relative to the test's config dir) with a truncated one
// and returns what it now holds.
func breakFile(t *testing.T, dir, name string) (path, content string) {
	t.Helper()
	path = filepath.Join(dir, "linkstep", name)
	content = "{\"truncated\n"
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, content
}

// assertNoCall fails when the run's verbose log shows a journey step or an HTTP exchange.
func assertNoCall(t *testing.T, errOut string) {
	t.Helper()
	if strings.Contains(errOut, "[1/") || strings.Contains(errOut, "→ ") {
		t.Fatalf("the journey started, or called a provider, before the failure:\n%s", errOut)
	}
}

// assertUnchanged fails when the file at path no longer holds content.
func assertUnchanged(t *testing.T, path, content string) {
	t.Helper()
	if got, err := os.ReadFile(path); err != nil || string(got) != content {
		t.Fatalf("%s was changed: %q, %v", path, got, err)
	}
}

// TestConnectionsSayTokensAreUnreadable: with secrets.json corrupt, connections list and show
// still list (exit 0), and say the tokens cannot be read, naming the file, the problem and the
// fix; never that they are gone.
func TestConnectionsSayTokensAreUnreadable(t *testing.T) {
	dir := isolate(t)
	if code, out, errOut := signupPlus(t, "--username", "john1", "--password", "doe1"); code != 0 {
		t.Fatalf("signup+: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	path, content := breakFile(t, dir, "secrets.json")
	says := []string{"cannot read its tokens", path, "not valid JSON (at byte", "mv " + path}

	code, out, errOut := run(t, "connections", "list", "--insecure-storage", "--output", "json")
	var list struct {
		Connections []struct {
			ID, Tokens, Note string
			TokensFound      bool `json:"tokens_found"`
			Actions          []string
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list.Connections) != 1 {
		t.Fatalf("list: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	c := list.Connections[0]
	if c.Tokens != "unreadable" || c.TokensFound || len(c.Actions) != 0 || strings.Contains(c.Note, "gone") {
		t.Fatalf("list: tokens %q (found %v), actions %v, note %q; want unreadable, nothing to do until it is fixed", c.Tokens, c.TokensFound, c.Actions, c.Note)
	}
	for _, s := range says {
		if !strings.Contains(c.Note, s) {
			t.Errorf("list: the note lacks %q: %s", s, c.Note)
		}
	}

	for _, args := range [][]string{{"connections", "list"}, {"connections", "show", c.ID}} {
		code, out, errOut := run(t, append(args, "--insecure-storage", "--output", "text")...)
		if code != 0 || strings.Contains(out, "gone") {
			t.Fatalf("%v: exit %d\nstdout: %s\nstderr: %s", args, code, out, errOut)
		}
		for _, s := range says {
			if !strings.Contains(out, s) {
				t.Errorf("%v: the output lacks %q:\n%s", args, s, out)
			}
		}
	}
	assertUnchanged(t, path, content)

	// What writes the store refuses before any call: refresh would lose a rotated refresh token.
	code, out, errOut = run(t, "connections", "refresh", c.ID, "--insecure-storage", "--output", "json", "-v")
	if e := parseError(t, out); code != 1 || e.Code != "storage_unusable" || !strings.Contains(e.Description, path) {
		t.Fatalf("refresh: exit %d, error %+v\nstderr: %s", code, e, errOut)
	}
	assertNoCall(t, errOut)
	assertUnchanged(t, path, content)
}

// TestRunRefusesUnusableStorageBeforeAnyCall: a token file or an index that cannot be read
// stops a run before it signs in at the bank, with exit 1 and storage_unusable naming the
// file and the fix; the file is left as it was.
func TestRunRefusesUnusableStorageBeforeAnyCall(t *testing.T) {
	for _, name := range []string{"secrets.json", "connections.json"} {
		t.Run(name, func(t *testing.T) {
			dir := isolate(t)
			path, content := breakFile(t, dir, name)
			code, out, errOut := signupPlus(t, "--username", "john1", "--password", "doe1", "-v")
			e := parseError(t, out)
			if code != 1 || e.Code != "storage_unusable" {
				t.Fatalf("exit %d, error %+v, want 1 storage_unusable\nstderr: %s", code, e, errOut)
			}
			for _, s := range []string{path, "not valid JSON", "mv " + path, "nothing was sent"} {
				if !strings.Contains(e.Description, s) {
					t.Errorf("the description lacks %q: %s", s, e.Description)
				}
			}
			assertNoCall(t, errOut)
			assertUnchanged(t, path, content)
		})
	}
	t.Run("a directory in place of secrets.json", func(t *testing.T) {
		dir := isolate(t)
		path := filepath.Join(dir, "linkstep", "secrets.json")
		if err := os.MkdirAll(path, 0o700); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := signupPlus(t, "--username", "john1", "--password", "doe1", "-v")
		if e := parseError(t, out); code != 1 || e.Code != "storage_unusable" || !strings.Contains(e.Description, path+" is a directory") {
			t.Fatalf("exit %d, error %+v\nstderr: %s", code, e, errOut)
		}
		assertNoCall(t, errOut)
	})
}

// TestRunFailsWhenTheIndexBreaksDuringTheRun: an index that breaks after the run started (so
// after the check) cannot record the connection; the run prints its result, fails with exit
// 1 and storage_unusable, and says where the tokens are kept.
func TestRunFailsWhenTheIndexBreaksDuringTheRun(t *testing.T) {
	dir := isolate(t)
	bg := runInBackground(t, nil, "run", "truelayer/signup-plus", "--insecure-storage")
	link := bg.authLink(t)
	redirectURI := waitFor(t, &bg.stderr, regexp.MustCompile(`http://127\.0\.0\.1:\d+/callback`))
	index, content := breakFile(t, dir, "connections.json")
	bg.deliver(t, bg.signIn(t, link, redirectURI))
	code := bg.exit(t)
	stdout, stderr := &bg.stdout, &bg.stderr
	var res struct {
		ConnectionID string `json:"connection_id"`
	}
	out := stdout.String()
	e := parseError(t, out)
	if code != 1 || e.Code != "storage_unusable" || json.Unmarshal([]byte(out), &res) != nil || res.ConnectionID == "" {
		t.Fatalf("exit %d, error %+v, want 1 storage_unusable with the result\nstdout: %s\nstderr: %s", code, e, out, stderr.String())
	}
	for _, s := range []string{"secrets.json", "truelayer/embedded/" + res.ConnectionID, index, "will not list it"} {
		if !strings.Contains(e.Description, s) {
			t.Errorf("the description lacks %q: %s", s, e.Description)
		}
	}
	if n := strings.Count(stderr.String(), "linkstep: "); n != 1 {
		t.Errorf("stderr has %d error lines, want 1:\n%s", n, stderr.String())
	}
	if secrets := storedSecrets(t, dir); len(secrets) == 0 {
		t.Fatal("the tokens were not kept")
	}
	assertUnchanged(t, index, content)
}

// TestRunRefusesExportDestinationsBeforeAnyCall: a --har or --report file that could not be
// written at the end is a usage error (exit 2, invalid_flag, the flag) before the journey.
func TestRunRefusesExportDestinationsBeforeAnyCall(t *testing.T) {
	dir := isolate(t)
	tests := []struct {
		name, flag, path, says string
	}{
		{"--har in a missing directory", "--har", filepath.Join(dir, "no", "such", "x.har"), "does not exist"},
		{"--har naming a directory", "--har", dir, "is a directory"},
		{"--har under a file", "--har", filepath.Join(os.Args[0], "x.har"), "is not a directory"},
		{"--report in a missing directory", "--report", filepath.Join(dir, "nowhere", "r.pdf"), "does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, "run", "oneid/identity", "--insecure-storage", "--identity", "janet", "-v", tt.flag, tt.path)
			e := parseError(t, out)
			if code != 2 || e.Code != "invalid_flag" || e.Flag != tt.flag || !strings.Contains(e.Description, tt.says) {
				t.Fatalf("exit %d, error %+v, want 2 invalid_flag %s saying %q", code, e, tt.flag, tt.says)
			}
			assertNoCall(t, errOut)
			if strings.Contains(errOut, "notice:") {
				t.Errorf("the environment was opened before the usage error:\n%s", errOut)
			}
		})
	}
	t.Run("an existing file is kept as it is", func(t *testing.T) {
		path := filepath.Join(dir, "kept.har")
		if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := checkDestination(path); err != nil {
			t.Fatal(err)
		}
		assertUnchanged(t, path, "old")
		if err := checkDestination(filepath.Join(dir, "new.har")); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, "new.har")); !os.IsNotExist(err) {
			t.Fatalf("the check left the file it tried: %v", err)
		}
	})
}

// TestRunPrintsTheResultWhenAnExportFailsAfterIt: what fails after the journey succeeded is
// reported with the result, never instead of it: in json one object with the result and
// "error", in text the result on stdout and the failure once on stderr.
func TestRunPrintsTheResultWhenAnExportFailsAfterIt(t *testing.T) {
	isolate(t)
	code, out, errOut := signupPlus(t, "--username", "john1", "--password", "doe1", "--report", os.DevNull)
	e := parseError(t, out)
	var res struct {
		ConnectionID string `json:"connection_id"`
		Identity     struct {
			FirstName string `json:"first_name"`
		}
	}
	if code != 1 || e.Code != "export_failed" || e.Flag != "--report" || json.Unmarshal([]byte(out), &res) != nil || res.ConnectionID == "" || res.Identity.FirstName != "John" {
		t.Fatalf("exit %d, error %+v, want 1 export_failed with the result\nstdout: %s\nstderr: %s", code, e, out, errOut)
	}
	if n := strings.Count(errOut, "linkstep: "); n != 1 {
		t.Errorf("stderr has %d error lines, want 1:\n%s", n, errOut)
	}

	code, out, errOut = signupPlus(t, "--username", "john1", "--password", "doe1", "--report", os.DevNull, "--output", "text")
	if code != 1 || !strings.Contains(out, "connection") || !strings.Contains(out, "John") || strings.Contains(out, "error") || !strings.Contains(errOut, "linkstep: --report") {
		t.Fatalf("text: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
}

// TestTUIOpensOnTheHomeWhenTheIndexCannotBeRead: the TUI opens on the picker only when the
// index lists nothing; an index it cannot read opens the home, which says why.
func TestTUIOpensOnTheHomeWhenTheIndexCannotBeRead(t *testing.T) {
	dir := isolate(t)
	env, err := environment.Open(environment.Options{InsecureStorage: true})
	if err != nil {
		t.Fatal(err)
	}
	defer env.Close()
	conns := flows.NewConnections(env.Parts)
	if !nothingStored(conns) {
		t.Fatal("no index: the TUI must open on the picker")
	}
	breakFile(t, dir, "connections.json")
	if nothingStored(conns) {
		t.Fatal("a corrupt index: the TUI must open on the home, which reports it")
	}
}
