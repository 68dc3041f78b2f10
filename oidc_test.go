package main

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/oauth2-proxy/mockoidc"
)

// TestRunIdentityAgainstAnyIssuer runs oneid/identity headless with --issuer against an OpenID
// provider this project did not write: the person's browser follows the printed link, the
// provider signs its user in at once, and the loopback listener catches the redirect.
func TestRunIdentityAgainstAnyIssuer(t *testing.T) {
	isolate(t)
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	defer m.Shutdown()
	cfg := m.Config()

	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	args := []string{"run", "oneid/identity", "--insecure-storage", "--issuer", m.Issuer(), "--client-id", cfg.ClientID, "--client-secret", cfg.ClientSecret, "--scopes", "profile,email"}
	go func() { done <- execute(ctx, args, streams{stdout: &stdout, stderr: &stderr}) }()

	link := waitFor(t, &stderr, regexp.MustCompile(`http://127\.0\.0\.1:\d+/oidc/authorize\?\S+`))
	resp, err := http.Get(link) // follows the provider's redirect to linkstep's loopback listener
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	select {
	case code := <-done:
		var res struct {
			Provider string
			Userinfo map[string]any
		}
		if code != 0 || json.Unmarshal([]byte(stdout.String()), &res) != nil || res.Provider != "oidc" || res.Userinfo["sub"] == nil {
			t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout.String(), stderr.String())
		}
		if strings.Contains(stdout.String()+stderr.String(), cfg.ClientSecret) {
			t.Error("the client secret appears in the output")
		}
	case <-ctx.Done():
		t.Fatalf("the run did not finish after the redirect\nstderr: %s", stderr.String())
	}
}
