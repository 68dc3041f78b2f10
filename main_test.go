package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/providers"
	"github.com/linkstep/linkstep/providers/sandbox"
)

// run runs the command line in-process with a private config dir and returns the exit code,
// stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr syncBuffer
	code := execute(t.Context(), args, streams{stdout: &stdout, stderr: &stderr})
	return code, stdout.String(), stderr.String()
}

// isolate gives the test its own config dir and keeps tokens out of any real keychain.
func isolate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("XDG_DATA_HOME", dir)
	t.Setenv("HOME", dir)
	for _, v := range []string{"TRUELAYER_CLIENT_ID", "TRUELAYER_CLIENT_SECRET", "TRUELAYER_REDIRECT_URI", "ONEID_CLIENT_ID", "ONEID_CLIENT_SECRET", "ONEID_REDIRECT_URI"} {
		t.Setenv(v, "")
	}
	return dir
}

// signupPlus runs the Signup+ journey headless with tokens in the test's own 0600 file.
func signupPlus(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return run(t, append([]string{"run", "truelayer/signup-plus", "--insecure-storage"}, args...)...)
}

var accountID = regexp.MustCompile(`acc-[0-9a-f]{17}`)

func TestRunSignupPlusHeadless(t *testing.T) {
	isolate(t)

	t.Run("one account", func(t *testing.T) {
		code, out, errOut := signupPlus(t, "--username", "john1", "--password", "doe1", "--output", "json")
		if code != 0 {
			t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
		}
		var res struct {
			Journey      string
			ConnectionID string `json:"connection_id"`
			Identity     map[string]any
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("stdout is not JSON: %v\n%s", err, out)
		}
		if res.ConnectionID == "" || res.Identity["first_name"] != "John" || res.Identity["account_details"] == nil {
			t.Fatalf("result = %s", out)
		}
		if res.Journey != "truelayer/signup-plus" {
			t.Fatalf("result lacks the journey id: %s", out)
		}
	})

	var ids []string
	t.Run("several accounts without --account", func(t *testing.T) {
		code, out, errOut := signupPlus(t, "--username", "john", "--password", "doe")
		if code != 2 {
			t.Fatalf("exit %d, want 2\nstdout: %s\nstderr: %s", code, out, errOut)
		}
		ids = accountID.FindAllString(errOut, -1)
		if !strings.Contains(errOut, "--account") || len(ids) != 3 {
			t.Fatalf("stderr must name --account and the 3 account ids:\n%s", errOut)
		}
		var body struct{ Error struct{ Code, Flag string } }
		if err := json.Unmarshal([]byte(out), &body); err != nil || body.Error.Code != "missing_answer" || body.Error.Flag != "--account" {
			t.Fatalf("stdout = %s (%v)", out, err)
		}
	})

	t.Run("several accounts with --account", func(t *testing.T) {
		if len(ids) < 2 {
			t.Skip("needs the ids from the previous case")
		}
		code, out, errOut := signupPlus(t, "--username", "john", "--password", "doe", "--account", ids[1])
		if code != 0 || !strings.Contains(out, `"account_id": "`+ids[1]+`"`) || !strings.Contains(out, `"account_details"`) {
			t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
		}
	})

	t.Run("provider error", func(t *testing.T) {
		code, out, errOut := signupPlus(t, "--username", "error.internal_error", "--password", "error")
		var body struct {
			Error struct{ Code, Description string }
		}
		if code != 1 || json.Unmarshal([]byte(out), &body) != nil || body.Error.Code != "internal_error" || body.Error.Description == "" {
			t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
		}
		if !strings.Contains(errOut, "internal_error") {
			t.Fatalf("stderr lacks a readable line naming the error: %s", errOut)
		}
	})

	t.Run("wrong mock bank password", func(t *testing.T) {
		code, out, errOut := signupPlus(t, "--username", "john", "--password", "wrong")
		if code != 1 || !strings.Contains(out, "mock_bank_login_failed") || strings.Contains(errOut+out, "wrong\"") {
			t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
		}
	})

	t.Run("text output", func(t *testing.T) {
		code, out, errOut := signupPlus(t, "--username", "john1", "--password", "doe1", "--output", "text")
		if code != 0 || !strings.Contains(out, "name") || !strings.Contains(out, "Mr John Doe") {
			t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
		}
	})
}

func TestRunUsageErrors(t *testing.T) {
	isolate(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown journey", []string{"run", "nope/journey"}, "truelayer/signup-plus"},
		{"no journey", []string{"run"}, "linkstep journeys"},
		{"bad output", []string{"run", "truelayer/signup-plus", "--output", "yaml"}, "json or text"},
		{"unknown flag", []string{"run", "truelayer/signup-plus", "--nope"}, "--nope"},
		{"bad environment", []string{"run", "truelayer/signup-plus", "--env", "prod"}, "embedded, sandbox or live"},
		{"username outside the embedded sandbox", []string{"run", "truelayer/signup-plus", "--env", "sandbox", "--username", "john"}, "embedded sandbox"},
		{"password without username", []string{"run", "truelayer/signup-plus", "--password", "doe"}, "--username"},
		{"sandbox without credentials", []string{"run", "truelayer/signup-plus", "--env", "sandbox"}, "TRUELAYER_CLIENT_ID"},
		{"bad timeout", []string{"run", "truelayer/signup-plus", "--timeout", "soon"}, "duration"},
		{"unknown command", []string{"launch"}, "unknown command"},
		{"unknown connections command", []string{"connections", "purge"}, "unknown command"},
		{"connections show without an id", []string{"connections", "show"}, "connection id"},
		{"an API key for the embedded sandbox", []string{"keys", "set", "ivy"}, "needs no API key"},
		{"an API key into the insecure file", []string{"keys", "set", "ivy", "--env", "sandbox", "--insecure-storage"}, "OS keychain only"},
		{"a bad clock", []string{"run", "truelayer/signup-plus", "--clock", "tomorrow"}, "clock offset"},
		{"identity outside the embedded sandbox", []string{"run", "oneid/identity", "--env", "sandbox", "--identity", "janet"}, "embedded sandbox"},
		{"issuer without a client", []string{"run", "oneid/identity", "--issuer", "https://op.example"}, "--client-id"},
		{"returning user by two identifiers", []string{"run", "ivy/returning-user", "--insecure-storage", "--email", "a@example.com", "--phone", "+49123"}, "--phone"},
		{"a not-loopback redirect on the in-process sandbox", []string{"run", "truelayer/signup-plus", "--insecure-storage", "--redirect-uri", "https://app.example.com/cb"}, "--sandbox URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, tt.args...)
			if code != 2 || !strings.Contains(errOut, tt.want) {
				t.Fatalf("exit %d, want 2 with %q on stderr\nstdout: %s\nstderr: %s", code, tt.want, out, errOut)
			}
		})
	}
}

// TestRunFinishesWithPastedRedirect parks a link against a sandbox that outlives the run (a
// standalone one, as a real provider does), then finishes it in a second run.
func TestRunFinishesWithPastedRedirect(t *testing.T) {
	isolate(t)
	srv, _ := startTestSandbox(t)
	base := srv.URLs().Base
	// A non-loopback redirect URI cannot be caught: the headless twin needs --redirect-url.
	code, out, errOut := signupPlus(t, "--sandbox", base, "--bank", "mock", "--redirect-uri", "https://app.example.com/cb")
	if e := parseError(t, out); code != 2 || e.Code != "missing_answer" || e.Flag != "--redirect-url" {
		t.Fatalf("exit %d, error %+v, want 2 naming --redirect-url: %s", code, e, errOut)
	}
	if !strings.Contains(errOut, "https://app.example.com/cb") || !strings.Contains(errOut, "run again with the URL you land on") {
		t.Fatalf("stderr does not explain the redirect URI: %s", errOut)
	}
	// Get the redirect by walking the printed link the way a person's browser would.
	link := regexp.MustCompile(`http://127\.0\.0\.1:\d+/truelayer/auth/\?\S+`).FindString(errOut)
	landed, err := sandbox.SignIn(t.Context(), http.DefaultClient, sandbox.SignInRequest{AuthLink: link, RedirectURI: "https://app.example.com/cb", BankID: "mock", Username: "john1", Password: "doe1"})
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut = signupPlus(t, "--sandbox", base, "--bank", "mock", "--redirect-uri", "https://app.example.com/cb", "--redirect-url", landed)
	if code != 0 || !strings.Contains(out, `"first_name": "John"`) || !strings.Contains(errOut, "finishing the auth link of an earlier run") {
		t.Fatalf("finishing: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
}

// TestRunOnTheInProcessSandboxTakesAPastedRedirect: a not-loopback redirect URI on the
// in-process sandbox is not refused when a terminal can take the redirect URL in this run.
func TestRunOnTheInProcessSandboxTakesAPastedRedirect(t *testing.T) {
	isolate(t)
	paste, typed := io.Pipe()
	defer typed.Close()
	bg := runInBackground(t, paste, "run", "truelayer/signup-plus", "--insecure-storage", "--redirect-uri", "https://app.example.com/cb")
	link := bg.authLink(t)
	waitFor(t, &bg.stderr, regexp.MustCompile(`or paste the URL`))
	landed := bg.signIn(t, link, "https://app.example.com/cb")
	if _, err := io.WriteString(typed, landed+"\n"); err != nil {
		t.Fatal(err)
	}
	if code := bg.exit(t); code != 0 || !strings.Contains(bg.stdout.String(), `"first_name": "John"`) {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, bg.stdout.String(), bg.stderr.String())
	}
}

func TestRunWaitsForTheRedirectOnTheLoopback(t *testing.T) {
	isolate(t)
	bg := runInBackground(t, nil, "run", "truelayer/signup-plus", "--insecure-storage")
	link := bg.authLink(t)
	redirectURI := waitFor(t, &bg.stderr, regexp.MustCompile(`http://127\.0\.0\.1:\d+/callback`))
	// A person opens the link, signs in as john1 and the browser follows the redirect home.
	bg.deliver(t, bg.signIn(t, link, redirectURI))
	if code := bg.exit(t); code != 0 || !strings.Contains(bg.stdout.String(), `"first_name": "John"`) {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, bg.stdout.String(), bg.stderr.String())
	}
}

func TestRunLeaksNoSecrets(t *testing.T) {
	dir := isolate(t)
	code, out, errOut := signupPlus(t, "--username", "john1", "--password", "doe1", "--verbose")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "/connect/token") {
		t.Fatalf("--verbose did not print the HTTP exchanges:\n%s", errOut)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "linkstep", "secrets.json"))
	if err != nil {
		t.Fatal(err)
	}
	var items map[string]string
	if err := json.Unmarshal(raw, &items); err != nil {
		t.Fatal(err)
	}
	secrets := 0
	for key, value := range items {
		if strings.HasSuffix(key, "/meta") {
			continue
		}
		secrets++
		if strings.Contains(out, value) || strings.Contains(errOut, value) {
			t.Errorf("%s appears in the output", key)
		}
	}
	if secrets < 2 {
		t.Fatalf("found %d stored tokens, want access and refresh tokens: %v", secrets, keysOf(items))
	}
	if regexp.MustCompile(`eyJ[\w-]+\.[\w-]+\.[\w-]+`).MatchString(out + errOut) {
		t.Error("a JWT appears in the output")
	}
	if regexp.MustCompile(`[?&]code=[^&\s•]{8,}`).MatchString(errOut) {
		t.Errorf("an authorisation code appears in the output:\n%s", errOut)
	}
}

func TestConnectionsCommands(t *testing.T) {
	isolate(t)
	code, out, errOut := run(t, "connections", "list", "--insecure-storage")
	if code != 0 || !strings.Contains(out, "no connections") {
		t.Fatalf("empty list: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if code, out, _ := signupPlus(t, "--username", "john1", "--password", "doe1"); code != 0 {
		t.Fatalf("signup+: exit %d: %s", code, out)
	}
	code, out, errOut = run(t, "connections", "list", "--insecure-storage", "--output", "json")
	var list struct {
		Connections []struct {
			ID, Provider, Consent string
			TokensFound           bool `json:"tokens_found"`
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list.Connections) != 1 || list.Connections[0].Provider != "truelayer" || list.Connections[0].Consent != "fresh" || !list.Connections[0].TokensFound {
		t.Fatalf("list: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	id := list.Connections[0].ID
	if code, out, _ := run(t, "connections", "show", id, "--insecure-storage", "--output", "json"); code != 0 || !strings.Contains(out, `"credentials_id": "`+id+`"`) || strings.Contains(out, "eyJ") {
		t.Fatalf("show: exit %d: %s", code, out)
	}
	for _, cmd := range []string{"show", "refresh", "forget"} {
		code, out, errOut := run(t, "connections", cmd, "nope", "--insecure-storage", "--output", "json")
		if e := parseError(t, out); code != exitUsage || e.Code != codeInvalidArgument || !strings.Contains(e.Description, "linkstep connections list") {
			t.Fatalf("%s an unknown id: exit %d, error %+v\nstderr: %s", cmd, code, e, errOut)
		}
	}
	code, out, _ = run(t, "--clock", "+85d", "connections", "list", "--insecure-storage", "--output", "json")
	if code != 0 || !strings.Contains(out, `"consent": "expiring soon"`) || !strings.Contains(out, "expires in 5 days") {
		t.Fatalf("aged 85 days: exit %d: %s", code, out)
	}

	t.Run("forget says what it did: a line for people, JSON for scripts", func(t *testing.T) {
		code, out, errOut := run(t, "connections", "forget", id, "--insecure-storage")
		want := regexp.MustCompile(`^forgot ` + id + `: revoked at TrueLayer; tokens deleted from file \S+secrets\.json \(insecure\); removed from the connections list\n$`)
		if code != 0 || !want.MatchString(out) {
			t.Fatalf("text: exit %d\nstdout: %q\nstderr: %s", code, out, errOut)
		}
		if code, out, _ := signupPlus(t, "--username", "john1", "--password", "doe1"); code != 0 {
			t.Fatalf("signup+: exit %d: %s", code, out)
		}
		_, out, _ = run(t, "connections", "list", "--insecure-storage", "--output", "json")
		if json.Unmarshal([]byte(out), &list) != nil || len(list.Connections) != 1 {
			t.Fatalf("list: %s", out)
		}
		code, out, errOut = run(t, "connections", "forget", list.Connections[0].ID, "--insecure-storage", "--output", "json")
		var forgot struct {
			Forgotten string
			Revoked   bool `json:"revoked_at_provider"`
		}
		if code != 0 || json.Unmarshal([]byte(out), &forgot) != nil || forgot.Forgotten != list.Connections[0].ID || !forgot.Revoked {
			t.Fatalf("json: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
		}
	})
}

// TestJourneysLists lists every journey from the static registry in a setting where opening any
// environment would fail (live without credentials, a malformed config file, a sandbox URL
// nothing answers): listing builds no client and reads no configuration.
func TestJourneysLists(t *testing.T) {
	dir := isolate(t)
	if err := os.MkdirAll(filepath.Join(dir, "linkstep"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "linkstep", providers.ConfigFile), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(envSandbox, "http://127.0.0.1:1")
	code, out, errOut := run(t, "journeys", "--env", "live")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	for _, j := range flows.Journeys() {
		if !strings.Contains(out, j.ID+"  ") || !strings.Contains(out, j.Title) {
			t.Errorf("%s (%s) is not listed:\n%s", j.ID, j.Title, out)
		}
	}
	if n := strings.Count(out, "\n"); n != len(flows.Journeys()) || n < 7 {
		t.Errorf("%d lines for %d journeys:\n%s", n, len(flows.Journeys()), out)
	}
}

func keysOf(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// waitFor polls buf until re matches and returns the match.
func waitFor(t *testing.T, buf *syncBuffer, re *regexp.Regexp) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindString(buf.String()); m != "" {
			return m
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no %s in:\n%s", re, buf.String())
	return ""
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader in different goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestKeysSetWithoutAKeychain keeps an API key while no OS keychain answers: the error gives the
// ways that work (a keychain, or IVY_API_KEY), not --insecure-storage, which API keys refuse.
func TestKeysSetWithoutAKeychain(t *testing.T) {
	isolate(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	var stdout, stderr syncBuffer
	code := execute(t.Context(), []string{"keys", "set", "ivy", "--env", "sandbox"}, streams{stdout: &stdout, stderr: &stderr, stdin: strings.NewReader("not-a-real-key\n")})
	errOut := stderr.String()
	if code != 1 || !strings.Contains(errOut, "IVY_API_KEY") || !strings.Contains(errOut, "linkstep doctor") || strings.Contains(errOut, "--insecure-storage") {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout.String(), errOut)
	}
	if strings.Contains(errOut+stdout.String(), "not-a-real-key") {
		t.Fatal("the key was echoed")
	}
}
