package main

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"testing"
	"time"

	sandbox "github.com/linkstep/linkstep/providers/sandbox/browser"
)

// background is a headless run started in the background: what it has written so far, and
// its exit code once it ends.
type background struct {
	ctx            context.Context
	stdout, stderr syncBuffer
	done           chan int
}

// runInBackground starts linkstep with args (paste, if not nil, stands for a terminal's stdin)
// and returns at once; the run is bounded by 30 seconds.
func runInBackground(t *testing.T, paste io.Reader, args ...string) *background {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	b := &background{ctx: ctx, done: make(chan int, 1)}
	go func() { b.done <- execute(ctx, args, streams{stdout: &b.stdout, stderr: &b.stderr, paste: paste}) }()
	return b
}

// authLink waits for the Signup+ auth link the run prints.
func (b *background) authLink(t *testing.T) string {
	t.Helper()
	return waitFor(t, &b.stderr, regexp.MustCompile(`http://127\.0\.0\.1:\d+/truelayer/auth/\?\S+`))
}

// signIn signs in at the link as john1, the way a person's browser would, and returns where
// the bank sent the browser back to (redirectURI, with a code).
func (b *background) signIn(t *testing.T, link, redirectURI string) string {
	t.Helper()
	redirect, err := sandbox.SignIn(b.ctx, http.DefaultClient, sandbox.SignInRequest{AuthLink: link, RedirectURI: redirectURI, BankID: "mock", Username: "john1", Password: "doe1"})
	if err != nil {
		t.Fatal(err)
	}
	return redirect
}

// deliver follows the redirect to the run's loopback listener, as the browser would.
func (b *background) deliver(t *testing.T, redirect string) {
	t.Helper()
	resp, err := http.Get(redirect)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

// exit waits for the run to end and returns its exit code.
func (b *background) exit(t *testing.T) int {
	t.Helper()
	select {
	case code := <-b.done:
		return code
	case <-b.ctx.Done():
		t.Fatalf("the run did not finish\nstderr: %s", b.stderr.String())
		return 0
	}
}
