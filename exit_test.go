package main

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// jsonError is the error object a failed run writes on stdout in json mode.
type jsonError struct {
	Code        string
	Description string
	Flag        string
	Valid       []string
}

// parseError parses stdout as {"error": {...}}, failing when it is not that or when "valid" is
// there but not a list.
func parseError(t *testing.T, stdout string) jsonError {
	t.Helper()
	var raw struct{ Error map[string]json.RawMessage }
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil || raw.Error == nil {
		t.Fatalf("stdout is not a JSON error object (%v):\n%s", err, stdout)
	}
	if v, ok := raw.Error["valid"]; ok && !strings.HasPrefix(string(v), "[") {
		t.Fatalf("valid is %s, want a list or absent", v)
	}
	for _, k := range []string{"code", "description"} {
		if _, ok := raw.Error[k]; !ok {
			t.Fatalf("the error lacks %q: %s", k, stdout)
		}
	}
	var body struct{ Error jsonError }
	if err := json.Unmarshal([]byte(stdout), &body); err != nil {
		t.Fatal(err)
	}
	return body.Error
}

func TestEveryFailureWritesAJSONError(t *testing.T) {
	isolate(t)
	tests := []struct {
		name      string
		args      []string
		exit      int
		code      string
		flag      string
		valid     []string // the valid values must include these
		wantInErr []string // the description must say these
	}{
		{name: "unknown journey", args: []string{"run", "no/such-journey"}, exit: 2, code: "unknown_journey", valid: []string{"truelayer/signup-plus"}},
		{name: "no journey", args: []string{"run"}, exit: 2, code: "missing_argument", valid: []string{"truelayer/signup-plus"}},
		{name: "two journeys", args: []string{"run", "truelayer/signup-plus", "oneid/identity"}, exit: 2, code: "unexpected_argument"},
		{name: "bad --output", args: []string{"run", "truelayer/signup-plus", "--output", "xml"}, exit: 2, code: "invalid_flag", flag: "--output", valid: []string{"json", "text"}},
		{name: "bad --env", args: []string{"run", "truelayer/signup-plus", "--env", "prod"}, exit: 2, code: "invalid_flag", flag: "--env", valid: []string{"embedded", "sandbox", "live"}},
		{name: "bad --env before a journey flag", args: []string{"run", "truelayer/signup-plus", "--env", "prod", "--username", "john", "--password", "doe"}, exit: 2, code: "invalid_flag", flag: "--env"},
		{name: "bad --timeout", args: []string{"run", "truelayer/signup-plus", "--timeout", "soon"}, exit: 2, code: "invalid_flag", flag: "--timeout"},
		{name: "bad --clock", args: []string{"run", "truelayer/signup-plus", "--clock", "tomorrow"}, exit: 2, code: "invalid_flag", flag: "--clock"},
		{name: "--clock past time.Duration's days", args: []string{"run", "truelayer/signup-plus", "--clock", "+106752d"}, exit: 2, code: "invalid_flag", flag: "--clock", wantInErr: []string{"-36500d to +36500d"}},
		{name: "--clock far ahead", args: []string{"--clock", "+99999999d", "run", "truelayer/signup-plus"}, exit: 2, code: "invalid_flag", flag: "--clock", wantInErr: []string{"out of range"}},
		{name: "--clock far back", args: []string{"run", "truelayer/signup-plus", "--clock", "-200000d"}, exit: 2, code: "invalid_flag", flag: "--clock", wantInErr: []string{"out of range"}},
		{name: "--clock in hours past the range", args: []string{"run", "truelayer/signup-plus", "--clock", "36500d1h"}, exit: 2, code: "invalid_flag", flag: "--clock", wantInErr: []string{"out of range"}},
		{name: "--redirect-uri not http", args: []string{"run", "truelayer/signup-plus", "--redirect-uri", "ftp://x/cb"}, exit: 2, code: "invalid_flag", flag: "--redirect-uri", wantInErr: []string{"http or https"}},
		{name: "--redirect-uri not absolute", args: []string{"run", "truelayer/signup-plus", "--redirect-uri", "not a uri"}, exit: 2, code: "invalid_flag", flag: "--redirect-uri", wantInErr: []string{"not an absolute URI"}},
		{name: "--redirect-uri with no port", args: []string{"run", "truelayer/signup-plus", "--redirect-uri", "http://127.0.0.1:99999/cb"}, exit: 2, code: "invalid_flag", flag: "--redirect-uri", wantInErr: []string{"port 99999"}},
		{name: "--redirect-uri with a fragment", args: []string{"run", "truelayer/signup-plus", "--redirect-uri", "https://app.example.com/cb#x"}, exit: 2, code: "invalid_flag", flag: "--redirect-uri", wantInErr: []string{"fragment"}},
		{name: "--redirect-uri http off the loopback, signing in here", args: []string{"run", "truelayer/signup-plus", "--insecure-storage", "--redirect-uri", "http://example.com/cb", "--username", "john1", "--password", "doe1"}, exit: 2, code: "invalid_flag", flag: "--redirect-uri", wantInErr: []string{"loopback only"}},
		{name: "--redirect-uri off the loopback parks nothing on the in-process sandbox", args: []string{"run", "truelayer/signup-plus", "--insecure-storage", "--redirect-uri", "https://app.example.com/cb"}, exit: 2, code: "invalid_flag", flag: "--redirect-uri", wantInErr: []string{"stops with this run", "--sandbox URL", "--env sandbox or live"}},
		{name: "--redirect-url with --username", args: []string{"run", "truelayer/signup-plus", "--insecure-storage", "--redirect-url", "https://app.example.com/cb?code=x&state=y", "--username", "john1", "--password", "doe1"}, exit: 2, code: "invalid_flag", flag: "--redirect-url,--username"},
		{name: "--redirect-url with --identity", args: []string{"run", "oneid/identity", "--insecure-storage", "--redirect-url", "https://app.example.com/cb?code=x&state=y", "--identity", "janet"}, exit: 2, code: "invalid_flag", flag: "--redirect-url,--identity"},
		{name: "an empty --username", args: []string{"run", "truelayer/signup-plus", "--insecure-storage", "--username", "", "--password", ""}, exit: 2, code: "invalid_flag", flag: "--username", wantInErr: []string{"empty"}},
		{name: "an empty --identity", args: []string{"run", "oneid/identity", "--insecure-storage", "--identity="}, exit: 2, code: "invalid_flag", flag: "--identity"},
		{name: "a returning user by two identifiers", args: []string{"run", "ivy/returning-user", "--insecure-storage", "--email", "a@b.c", "--phone", "+4412345"}, exit: 2, code: "invalid_flag", flag: "--email,--phone", wantInErr: []string{"exactly one identifier"}},
		{name: "a returning user by no identifier", args: []string{"run", "ivy/returning-user", "--insecure-storage"}, exit: 2, code: "missing_answer", flag: "--email", wantInErr: []string{"pass --email, --phone or --reference-id"}},
		{name: "a data session for nobody", args: []string{"run", "ivy/data-session", "--insecure-storage"}, exit: 2, code: "missing_answer", flag: "--email", wantInErr: []string{"pass --email, --phone or --reference-id"}},
		{name: "a returning user with no session, no sign-in", args: []string{"run", "ivy/returning-user", "--insecure-storage", "--email", "nobody@example.com"}, exit: 2, code: "missing_answer", flag: "--username", wantInErr: []string{"--password"}},
		{name: "unknown flag", args: []string{"run", "truelayer/signup-plus", "--nope"}, exit: 2, code: "unknown_flag", flag: "--nope"},
		{name: "a flag without its value", args: []string{"run", "truelayer/signup-plus", "--account"}, exit: 2, code: "invalid_flag", flag: "--account"},
		{name: "--username without --password", args: []string{"run", "truelayer/signup-plus", "--username", "john"}, exit: 2, code: "missing_flag", flag: "--password"},
		{name: "--password without --username", args: []string{"run", "truelayer/signup-plus", "--password", "doe"}, exit: 2, code: "missing_flag", flag: "--username"},
		{name: "--username outside the embedded sandbox", args: []string{"run", "truelayer/signup-plus", "--env", "sandbox", "--username", "john", "--password", "doe"}, exit: 2, code: "invalid_flag", flag: "--username"},
		{name: "--issuer without --client-id", args: []string{"run", "oneid/identity", "--issuer", "https://op.example"}, exit: 2, code: "missing_flag", flag: "--client-id"},
		{name: "a real environment without credentials", args: []string{"run", "truelayer/signup-plus", "--env", "sandbox"}, exit: 2, code: "missing_credentials", wantInErr: []string{"TRUELAYER_CLIENT_ID"}},
		{name: "several accounts without --account", args: []string{"run", "truelayer/signup-plus", "--insecure-storage", "--username", "john", "--password", "doe"}, exit: 2, code: "missing_answer", flag: "--account"},
		{name: "a wrong --account", args: []string{"run", "truelayer/signup-plus", "--insecure-storage", "--username", "john", "--password", "doe", "--account", "acc-bogus"}, exit: 2, code: "invalid_answer", flag: "--account",
			wantInErr: []string{`"acc-bogus"`, "••"}},
		{name: "a wrong --bank when one bank is offered", args: []string{"run", "truelayer/signup-plus", "--insecure-storage", "--username", "john1", "--password", "doe1", "--bank", "ob-nope"}, exit: 2, code: "invalid_answer", flag: "--bank", valid: []string{"mock"}},
		{name: "a wrong --identity", args: []string{"run", "oneid/identity", "--insecure-storage", "--identity", "nobody"}, exit: 2, code: "invalid_answer", flag: "--identity", valid: []string{"janet"}},
		{name: "a wrong --connection", args: []string{"run", "truelayer/extend", "--insecure-storage", "--connection", "nope"}, exit: 2, code: "invalid_answer", flag: "--connection"},
		{name: "a provider error", args: []string{"run", "truelayer/signup-plus", "--insecure-storage", "--username", "error.internal_error", "--password", "error"}, exit: 1, code: "internal_error"},
		{name: "a wrong mock-bank password", args: []string{"run", "truelayer/signup-plus", "--insecure-storage", "--username", "john", "--password", "wrong"}, exit: 1, code: "mock_bank_login_failed"},
		{name: "--report from a journey without one", args: []string{"run", "truelayer/signup-plus", "--insecure-storage", "--username", "john1", "--password", "doe1", "--report", "/dev/null"}, exit: 1, code: "export_failed", flag: "--report"},
		{name: "connections show: unknown id", args: []string{"connections", "show", "nope", "--insecure-storage", "--output", "json"}, exit: 2, code: "invalid_argument", wantInErr: []string{`"nope"`, "linkstep connections list"}},
		{name: "connections refresh: unknown id", args: []string{"connections", "refresh", "nope", "--insecure-storage", "--output", "json"}, exit: 2, code: "invalid_argument", wantInErr: []string{"linkstep connections list"}},
		{name: "connections forget: unknown id", args: []string{"connections", "forget", "nope", "--insecure-storage", "--output", "json"}, exit: 2, code: "invalid_argument", wantInErr: []string{"linkstep connections list"}},
		{name: "connections: bad --output", args: []string{"connections", "list", "--output", "json", "--output", "yaml"}, exit: 2, code: "invalid_flag", flag: "--output"},
		{name: "connections: unknown command", args: []string{"connections", "purge", "--output", "json"}, exit: 2, code: "unknown_command", valid: []string{"list", "show"}},
		{name: "connections: no id", args: []string{"connections", "show", "--output", "json"}, exit: 2, code: "missing_argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exit, out, errOut := run(t, tt.args...)
			if exit != tt.exit {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", exit, tt.exit, out, errOut)
			}
			e := parseError(t, out)
			if tt.code != "" && e.Code != tt.code || e.Flag != tt.flag || e.Description == "" {
				t.Fatalf("error = %+v, want code %q flag %q", e, tt.code, tt.flag)
			}
			for _, v := range tt.valid {
				if !slices.Contains(e.Valid, v) {
					t.Errorf("valid %v lacks %s", e.Valid, v)
				}
			}
			for _, s := range tt.wantInErr {
				if !strings.Contains(e.Description, s) {
					t.Errorf("description %q lacks %s", e.Description, s)
				}
			}
			if n := strings.Count(errOut, "linkstep: "); n != 1 {
				t.Errorf("stderr has %d error lines, want 1:\n%s", n, errOut)
			}
		})
	}
}

func TestUsageErrorsFailBeforeAnyCall(t *testing.T) {
	isolate(t)
	for _, args := range [][]string{
		{"run", "truelayer/signup-plus", "--username", "john"},
		{"run", "no/such-journey", "--username", "john", "--password", "doe"},
		{"run", "truelayer/signup-plus", "--env", "prod", "--username", "john", "--password", "doe"},
		{"run", "truelayer/signup-plus", "--redirect-uri", "https://app.example.com/cb"}, // parked on the in-process sandbox
	} {
		_, _, errOut := run(t, args...)
		if strings.Contains(errOut, "[1/") || strings.Contains(errOut, "notice:") {
			t.Errorf("%v: the journey started before the usage error:\n%s", args, errOut)
		}
	}

	// Against a standalone sandbox, "before any call" is what its request log says: nothing,
	// not even the question for its credentials that opening the environment asks.
	srv, log := startTestSandbox(t)
	for _, args := range [][]string{
		{"--redirect-uri", "ftp://x/cb", "--username", "john1", "--password", "doe1"},
		{"--redirect-uri", "not a uri", "--username", "john1", "--password", "doe1"},
		{"--redirect-uri", "http://127.0.0.1:99999/cb", "--username", "john1", "--password", "doe1"},
		{"--redirect-uri", "http://example.com/cb", "--username", "john1", "--password", "doe1"},
		{"--clock", "+106752d", "--username", "john1", "--password", "doe1"},
		{"--redirect-url", "https://app.example.com/cb?code=x&state=y", "--username", "john1", "--password", "doe1"},
		{"--username", "", "--password", ""},
	} {
		exit, out, errOut := signupPlus(t, append(args, "--sandbox", srv.URLs().Base)...)
		if exit != exitUsage || parseError(t, out).Code != codeInvalidFlag {
			t.Errorf("%v: exit %d, want 2 invalid_flag\nstdout: %s\nstderr: %s", args, exit, out, errOut)
		}
		if strings.Contains(errOut, "[1/") || log.String() != "" {
			t.Errorf("%v: calls before the usage error:\nstderr: %s\nsandbox log: %s", args, errOut, log.String())
		}
	}
	exit, out, _ := run(t, "run", "ivy/returning-user", "--insecure-storage", "--sandbox", srv.URLs().Base, "--email", "a@b.c", "--phone", "+4412345")
	if exit != exitUsage || parseError(t, out).Flag != "--email,--phone" || log.String() != "" {
		t.Errorf("a returning user by two identifiers: exit %d, %s\nsandbox log: %s", exit, out, log.String())
	}
}

func TestTextModeWritesAFailureOnce(t *testing.T) {
	isolate(t)
	for _, args := range [][]string{
		{"run", "truelayer/signup-plus", "--output", "text", "--insecure-storage", "--username", "error.internal_error", "--password", "error"},
		{"run", "truelayer/signup-plus", "--output", "text", "--env", "prod"},
		{"run", "truelayer/signup-plus", "--nope", "--output", "text"}, // parsing stopped before --output
		{"connections", "show", "nope", "--insecure-storage"},
		{"launch"},
	} {
		exit, out, errOut := run(t, args...)
		if exit == 0 || out != "" || strings.Count(errOut, "linkstep: ") != 1 || strings.HasPrefix(errOut, "error: ") || strings.Contains(errOut, "\nerror: ") {
			t.Errorf("%v: exit %d\nstdout: %q\nstderr: %q\nwant one line on stderr and nothing on stdout", args, exit, out, errOut)
		}
	}
}

// TestInterruptedRunWritesAJSONError interrupts a run that waits for its redirect, by its
// context and by a real SIGINT to the process (the handler installed before the command runs
// turns it into the same cancellation): either way the run ends with its "interrupted" error.
func TestInterruptedRunWritesAJSONError(t *testing.T) {
	for _, tt := range []struct {
		name      string
		interrupt func(cancel context.CancelFunc) error
	}{
		{"context cancelled", func(cancel context.CancelFunc) error { cancel(); return nil }},
		{"SIGINT", func(context.CancelFunc) error { return syscall.Kill(os.Getpid(), syscall.SIGINT) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			isolate(t)
			var stdout, stderr syncBuffer
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			done := make(chan int, 1)
			go func() {
				done <- execute(ctx, []string{"run", "truelayer/signup-plus", "--insecure-storage"}, streams{stdout: &stdout, stderr: &stderr})
			}()
			waitFor(t, &stderr, regexp.MustCompile(`waiting for the redirect`))
			if err := tt.interrupt(cancel); err != nil {
				t.Fatal(err)
			}
			select {
			case exit := <-done:
				if e := parseError(t, stdout.String()); exit != exitInterrupted || e.Code != "interrupted" {
					t.Fatalf("exit %d, error %+v", exit, e)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the run did not end on the interrupt")
			}
		})
	}
}

// TestAWrongAccountFailsWithOneAccountLinked: an --account that names no linked account is
// refused when only one is linked too, in every journey with an account choice, naming the
// valid id and the connection the run kept (which is there to use).
func TestAWrongAccountFailsWithOneAccountLinked(t *testing.T) {
	isolate(t)
	kept := regexp.MustCompile(`connection (\S+) is kept`)
	tests := []struct {
		name string
		args []string
		kept bool // the run keeps a connection before the choice
	}{
		{"truelayer/signup-plus", []string{"run", "truelayer/signup-plus", "--username", "john1", "--password", "doe1"}, true},
		{"oneid/identity", []string{"run", "oneid/identity", "--identity", "alix"}, true},
		{"ivy/data-session", []string{"run", "ivy/data-session", "--email", "one@example.com", "--username", "john1", "--password", "doe1"}, true},
		{"ivy/returning-user", []string{"run", "ivy/returning-user", "--email", "one@example.com"}, false}, // the session above
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exit, out, errOut := run(t, append(tt.args, "--insecure-storage", "--account", "acc-bogus")...)
			e := parseError(t, out)
			if exit != exitUsage || e.Code != "invalid_answer" || e.Flag != "--account" || len(e.Valid) != 1 || !strings.Contains(e.Description, `"acc-bogus"`) {
				t.Fatalf("exit %d, error %+v\nstderr: %s", exit, e, errOut)
			}
			if !tt.kept {
				return
			}
			m := kept.FindStringSubmatch(e.Description)
			if m == nil {
				t.Fatalf("the error does not name the connection kept: %s", e.Description)
			}
			if exit, out, _ := run(t, "connections", "show", m[1], "--insecure-storage", "--output", "json"); exit != 0 || !strings.Contains(out, m[1]) {
				t.Fatalf("the connection named is not there: exit %d: %s", exit, out)
			}
			// The id the error offers is the one that passes.
			if exit, out, errOut := run(t, append(tt.args, "--insecure-storage", "--account", e.Valid[0])...); exit != 0 {
				t.Fatalf("--account %s: exit %d\nstdout: %s\nstderr: %s", e.Valid[0], exit, out, errOut)
			}
		})
	}
}

// TestABusyRedirectPortIsAUsageError: a --redirect-uri whose port another process holds can
// only be found by listening; the run then fails as a usage error naming the flag and port.
func TestABusyRedirectPortIsAUsageError(t *testing.T) {
	isolate(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	exit, out, errOut := signupPlus(t, "--redirect-uri", "http://127.0.0.1:"+port+"/callback", "--username", "john1", "--password", "doe1")
	e := parseError(t, out)
	if exit != exitUsage || e.Code != codeInvalidFlag || e.Flag != "--redirect-uri" || !strings.Contains(e.Description, "port "+port+" is in use") {
		t.Fatalf("exit %d, error %+v\nstderr: %s", exit, e, errOut)
	}
}
