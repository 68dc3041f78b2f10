package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/flows/environment"
	"github.com/linkstep/linkstep/providers/sandbox"
)

// knownSecret is the client secret of the tests' standalone sandboxes: a value the tests can
// look for in what linkstep writes.
const knownSecret = "standalone-client-secret-0123456789abcdef"

// startTestSandbox starts the sandbox linkstep sandbox serves, logging to the returned buffer.
func startTestSandbox(t *testing.T) (*sandbox.Server, *syncBuffer) {
	t.Helper()
	var log syncBuffer
	srv, err := startStandalone("127.0.0.1:0", sandbox.Options{ClientSecret: knownSecret, StateDir: t.TempDir()}, 0, &log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv, &log
}

func TestRunAgainstAStandaloneSandbox(t *testing.T) {
	isolate(t)
	srv, log := startTestSandbox(t)
	base := srv.URLs().Base

	code, out, errOut := signupPlus(t, "--sandbox", base, "--username", "john1", "--password", "doe1")
	var res struct {
		Bank     string
		Identity map[string]any
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Identity["first_name"] != "John" || res.Bank != "mock" {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if !strings.Contains(errOut, "3 banks offered") {
		t.Errorf("the run does not say the sandbox offers several banks:\n%s", errOut)
	}

	// The sandbox logged one line per request: method, path, status, duration; no secrets.
	lines := log.String()
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^\d\d:\d\d:\d\d GET /\.linkstep/client 200 \S+$`),
		regexp.MustCompile(`(?m)^\d\d:\d\d:\d\d POST /truelayer/auth/connect/token 200 \S+$`),
		regexp.MustCompile(`(?m)^\d\d:\d\d:\d\d GET /truelayer/api/signup-plus/accounts 200 \S+$`),
	} {
		if !want.MatchString(lines) {
			t.Errorf("the sandbox's log lacks %s:\n%s", want, lines)
		}
	}
	if strings.Contains(lines, knownSecret) {
		t.Error("the sandbox's log holds its client secret")
	}

	t.Run("another bank, chosen with --bank", func(t *testing.T) {
		code, out, errOut := signupPlus(t, "--sandbox", base, "--username", "john1", "--password", "doe1", "--bank", "ob-lumen")
		if code != 0 || !strings.Contains(out, `"bank": "ob-lumen"`) {
			t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
		}
	})
	t.Run("a bank it does not offer", func(t *testing.T) {
		code, out, _ := signupPlus(t, "--sandbox", base, "--username", "john1", "--password", "doe1", "--bank", "ob-nope")
		e := parseError(t, out)
		if code != 2 || e.Code != "invalid_answer" || e.Flag != "--bank" || strings.Join(e.Valid, ",") != "mock,ob-lumen,ob-harbour" || !strings.Contains(e.Description, "ob-harbour (Harbour Building Society)") {
			t.Fatalf("exit %d, error %+v", code, e)
		}
	})
	t.Run("pointed at by LINKSTEP_SANDBOX", func(t *testing.T) {
		t.Setenv(envSandbox, base)
		before := strings.Count(log.String(), "/.linkstep/client")
		if code, out, errOut := signupPlus(t, "--username", "john1", "--password", "doe1"); code != 0 {
			t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
		}
		if strings.Count(log.String(), "/.linkstep/client") != before+1 {
			t.Fatal("the run did not go to the sandbox LINKSTEP_SANDBOX names")
		}
		// The variable never stands in the way of a real environment.
		if _, out, _ := run(t, "run", "truelayer/signup-plus", "--env", "sandbox"); parseError(t, out).Code != "missing_credentials" {
			t.Fatalf("--env sandbox with LINKSTEP_SANDBOX set: %s", out)
		}
	})
	t.Run("connections made there are refreshed there", func(t *testing.T) {
		_, out, _ := run(t, "connections", "list", "--insecure-storage", "--output", "json")
		var list struct{ Connections []struct{ ID string } }
		if json.Unmarshal([]byte(out), &list) != nil || len(list.Connections) == 0 {
			t.Fatalf("list: %s", out)
		}
		if code, out, errOut := run(t, "connections", "refresh", list.Connections[0].ID, "--insecure-storage", "--sandbox", base, "--output", "json"); code != 0 {
			t.Fatalf("refresh: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
		}
		// Without --sandbox the in-process sandbox would refuse its tokens as if consent were
		// revoked; linkstep names the sandbox that made the connection instead, before any call.
		for _, cmd := range []string{"refresh", "forget"} {
			code, out, errOut := run(t, "connections", cmd, list.Connections[0].ID, "--insecure-storage", "--output", "json")
			if e := parseError(t, out); code != 1 || e.Code != "other_sandbox" || !strings.Contains(e.Description, "--sandbox "+base) {
				t.Fatalf("%s without --sandbox: exit %d, %+v\nstderr: %s", cmd, code, e, errOut)
			}
		}
		if code, _, errOut := run(t, "connections", "show", list.Connections[0].ID, "--insecure-storage", "--sandbox", base); code != 0 {
			t.Fatalf("the connection is still there: exit %d: %s", code, errOut)
		}
	})
}

func TestRunRefusesASandboxThatDoesNotAnswer(t *testing.T) {
	isolate(t)
	srv, _ := startTestSandbox(t)
	gone := srv.URLs().Base
	_ = srv.Close()
	tests := []struct {
		name string
		args []string
		code string
		flag string
	}{
		{"nothing answers", []string{"--sandbox", gone}, "sandbox_unreachable", "--sandbox"},
		{"not a URL", []string{"--sandbox", "localhost:8080"}, "invalid_flag", "--sandbox"},
		{"with a real environment", []string{"--sandbox", gone, "--env", "live"}, "invalid_flag", "--sandbox"},
	}
	t.Run("LINKSTEP_SANDBOX is named when the URL came from it", func(t *testing.T) {
		for value, code := range map[string]string{"nonsense": "invalid_flag", gone: "sandbox_unreachable"} {
			t.Setenv(envSandbox, value)
			exit, out, errOut := signupPlus(t, "--username", "john1", "--password", "doe1")
			e := parseError(t, out)
			if exit != exitUsage || e.Code != code || !strings.HasPrefix(e.Description, "$LINKSTEP_SANDBOX ") || strings.Contains(e.Description, "--sandbox "+value) {
				t.Fatalf("%s=%s: exit %d, error %+v\nstderr: %s", envSandbox, value, exit, e, errOut)
			}
		}
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := signupPlus(t, append(tt.args, "--username", "john1", "--password", "doe1")...)
			e := parseError(t, out)
			if code != 2 || e.Code != tt.code || e.Flag != tt.flag {
				t.Fatalf("exit %d, error %+v\nstderr: %s", code, e, errOut)
			}
			if tt.code == "sandbox_unreachable" && !strings.Contains(e.Description, gone) {
				t.Fatalf("the error does not name the URL: %s", e.Description)
			}
		})
	}
}

// TestSandboxRefusesAnAddrItCannotListenOn: an --addr that is no HOST:PORT, or whose port is
// taken, is a usage error with one clear line.
func TestSandboxRefusesAnAddrItCannotListenOn(t *testing.T) {
	isolate(t)
	busy, _ := startTestSandbox(t)
	taken := strings.TrimPrefix(busy.URLs().Base, "http://")
	for _, tt := range []struct{ addr, want string }{
		{"nonsense", "is not HOST:PORT"},
		{"127.0.0.1:99999", "is not a port"},
		{taken, "the port is in use"},
	} {
		exit, out, errOut := run(t, "sandbox", "--addr", tt.addr)
		if exit != exitUsage || out != "" || strings.Count(errOut, "linkstep: ") != 1 || !strings.Contains(errOut, "--addr") || !strings.Contains(errOut, tt.want) || strings.Contains(errOut, "start the sandbox") {
			t.Errorf("--addr %s: exit %d\nstdout: %s\nstderr: %s", tt.addr, exit, out, errOut)
		}
	}
}

func TestSandboxTellsItsCredentialsToLoopbackCallersOnly(t *testing.T) {
	srv, _ := startTestSandbox(t)
	resp, err := http.Get(srv.URLs().Base + environment.SandboxClientPath)
	if err != nil {
		t.Fatal(err)
	}
	var c environment.SandboxClient
	err = json.NewDecoder(resp.Body).Decode(&c)
	resp.Body.Close()
	if err != nil || c.ClientSecret != knownSecret || c.ClientID == "" || c.IvyAPIKey == "" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("loopback: %s %+v %v", resp.Status, c, err)
	}

	var log syncBuffer
	h := &standaloneHandler{next: http.NotFoundHandler(), sandbox: srv.Sandbox(), log: &log, redactor: sandboxRedactor(srv.Sandbox())}
	for _, remote := range []string{"192.0.2.10:40000", "[2001:db8::1]:40000"} {
		req := httptest.NewRequest(http.MethodGet, environment.SandboxClientPath, nil)
		req.RemoteAddr = remote
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusForbidden || strings.Contains(rec.Body.String(), knownSecret) {
			t.Fatalf("from %s: %d %s", remote, rec.Code, rec.Body.String())
		}
	}
	if !strings.Contains(log.String(), "GET /.linkstep/client 403") {
		t.Fatalf("the refusals are not logged:\n%s", log.String())
	}
}

func TestSandboxLogMasksSecretsInQueries(t *testing.T) {
	var log syncBuffer
	h := &standaloneHandler{next: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) }), log: &log, redactor: sandboxRedactor(nil)}
	req := httptest.NewRequest(http.MethodGet, "/cb?code=abcdefghijklmnopqrstuvwxyz&state=s1&client_secret=topsecretvalue123", nil)
	h.ServeHTTP(httptest.NewRecorder(), req)
	line := log.String()
	if strings.Contains(line, "abcdefghijklmnopqrstuvwxyz") || strings.Contains(line, "topsecretvalue123") || !strings.Contains(line, "GET /cb?code=••••wxyz&state=s1") || !strings.Contains(line, " 418 ") {
		t.Fatalf("log line: %q", line)
	}
}

// TestExportsOfARunAgainstAStandaloneSandbox runs Signup+ against a sandbox whose client secret
// the test knows: neither the HAR nor the curl commands hold it or a token, and the curl
// command of the identity call, run with the placeholder exported, reads the identity again.
func TestExportsOfARunAgainstAStandaloneSandbox(t *testing.T) {
	dir := isolate(t)
	srv, _ := startTestSandbox(t)
	har := filepath.Join(dir, "out.har")
	code, out, errOut := signupPlus(t, "--sandbox", srv.URLs().Base, "--username", "john1", "--password", "doe1", "--har", har, "--curl")
	if code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	doc, raw := readHAR(t, har)
	assertMasked(t, doc, raw)
	secrets := storedSecrets(t, dir)
	secrets["the sandbox's client secret"] = knownSecret
	for name, value := range secrets {
		if strings.Contains(raw, value) {
			t.Errorf("the HAR holds %s", name)
		}
		if strings.Contains(out+errOut, value) {
			t.Errorf("the output holds %s", name)
		}
	}

	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("no curl to run the commands with")
	}
	var access string
	for key, value := range secrets {
		if strings.HasSuffix(key, "/access") || strings.Contains(key, "access") {
			access = value
		}
	}
	var cmd string
	for _, block := range strings.Split(errOut, "\n# ") {
		if _, after, ok := strings.Cut(block, "/truelayer/api/signup-plus/accounts → 200"); ok {
			_, cmd, _ = strings.Cut(after, "\n")
			cmd = strings.TrimSpace(cmd)
		}
	}
	if cmd == "" || access == "" {
		t.Fatalf("no curl command for the identity call (or no stored access token %v):\n%s", keysOfSecrets(secrets), errOut)
	}
	sh := exec.CommandContext(t.Context(), "sh", "-c", cmd+" --silent --show-error --max-time 10")
	sh.Env = append(os.Environ(), "ACCESS_TOKEN="+access, "TRUELAYER_CLIENT_SECRET="+knownSecret)
	got, err := sh.Output()
	if err != nil || !strings.Contains(string(got), `"first_name"`) {
		t.Fatalf("%s\n→ %v\n%s", cmd, err, got)
	}
}

func keysOfSecrets(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
