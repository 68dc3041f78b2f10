package main

import (
	"context"
	"encoding/json"
	"os"
	"regexp"
	"slices"
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
		{name: "connections: unknown id", args: []string{"connections", "show", "nope", "--insecure-storage", "--output", "json"}, exit: 1},
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
	} {
		_, _, errOut := run(t, args...)
		if strings.Contains(errOut, "[1/") || strings.Contains(errOut, "notice:") {
			t.Errorf("%v: the journey started before the usage error:\n%s", args, errOut)
		}
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
