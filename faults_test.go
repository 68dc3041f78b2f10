package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/providers/sandbox"
	"github.com/linkstep/linkstep/providers/sandbox/faults"
)

func TestSandboxRefusesABadFaultPlan(t *testing.T) {
	isolate(t)
	code, _, stderr := run(t, "sandbox", "--faults", "5xx=0.1,boom=1")
	if code != 2 || !strings.Contains(stderr, "--faults") || !strings.Contains(stderr, "boom") {
		t.Fatalf("exit %d, stderr %q: want 2 naming --faults and boom", code, stderr)
	}
}

func TestStandaloneSandboxLogsTheFaultsItInjects(t *testing.T) {
	plan, err := faults.Parse("429=1")
	if err != nil {
		t.Fatal(err)
	}
	var log syncBuffer
	srv, err := startStandalone("127.0.0.1:0", sandbox.Options{ClientSecret: knownSecret, Faults: plan}, 0, &log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	req, _ := http.NewRequest(http.MethodGet, srv.URLs().TrueLayerAuth+"/api/providers", nil)
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "1" {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if !strings.Contains(log.String(), "/truelayer/auth/api/providers fault: 429") {
		t.Fatalf("log %q", log.String())
	}
}
