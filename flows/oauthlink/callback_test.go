package oauthlink_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/linkstep/linkstep/flows/oauthlink"
)

// noRedirects is an HTTP client that stops at the first answer, like a test browser.
var noRedirects = &http.Client{Timeout: 5 * time.Second}

func get(t *testing.T, rawURL string) (int, string) {
	t.Helper()
	resp, err := noRedirects.Get(rawURL)
	if err != nil {
		t.Fatalf("GET %s: %v", rawURL, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestCallbackDeliversCheckedCode(t *testing.T) {
	ctx := t.Context()
	cb, err := oauthlink.ListenCallback(ctx, "", "state-1")
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Close()
	if !strings.HasPrefix(cb.RedirectURI(), "http://127.0.0.1:") || !strings.HasSuffix(cb.RedirectURI(), "/callback") {
		t.Fatalf("redirect URI = %s, want a loopback /callback", cb.RedirectURI())
	}
	status, page := get(t, cb.RedirectURI()+"?code=the-code&state=state-1")
	if status != http.StatusOK || !strings.Contains(page, "close this tab") {
		t.Fatalf("browser got %d %q", status, page)
	}
	r, err := cb.Wait(ctx)
	if err != nil || r.Code != "the-code" {
		t.Fatalf("Wait = %+v, %v", r, err)
	}
	if status, _ := get(t, cb.RedirectURI()+"?code=second&state=state-1"); status != http.StatusGone {
		t.Fatalf("a second redirect got %d, want 410: the listener is one-shot", status)
	}
}

func TestCallbackRefusesStateMismatch(t *testing.T) {
	ctx := t.Context()
	cb, err := oauthlink.ListenCallback(ctx, "", "expected")
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Close()
	status, page := get(t, cb.RedirectURI()+"?code=stolen-code&state=forged")
	if status != http.StatusBadRequest || !strings.Contains(page, "state mismatch") {
		t.Fatalf("browser got %d %q, want 400 naming the state mismatch", status, page)
	}
	if strings.Contains(page, "stolen-code") {
		t.Fatal("the refusal page echoes the code")
	}
	assertStillWaiting(t, cb)
	get(t, cb.RedirectURI()+"?code=the-code&state=expected")
	r, err := cb.Wait(ctx)
	if err != nil || r.Code != "the-code" {
		t.Fatalf("Wait = %+v, %v; want the right redirect's code after the refused one", r, err)
	}
}

// assertStillWaiting fails when cb's wait has ended.
func assertStillWaiting(t *testing.T, cb *oauthlink.Callback) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if r, err := cb.Wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait = %+v, %v; want the listener still waiting", r, err)
	}
}

func TestCallbackPaths(t *testing.T) {
	ctx := t.Context()
	cb, err := oauthlink.ListenCallback(ctx, "", "s")
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Close()
	u, _ := url.Parse(cb.RedirectURI())
	base := "http://" + u.Host
	tests := []struct {
		name   string
		do     func() (*http.Response, error)
		status int
	}{
		{name: "favicon", do: func() (*http.Response, error) { return noRedirects.Get(base + "/favicon.ico") }, status: http.StatusNotFound},
		{name: "other path", do: func() (*http.Response, error) { return noRedirects.Get(base + "/other?code=x&state=s") }, status: http.StatusNotFound},
		{name: "PUT", do: func() (*http.Response, error) {
			req, _ := http.NewRequest(http.MethodPut, cb.RedirectURI(), nil)
			return noRedirects.Do(req)
		}, status: http.StatusMethodNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := tt.do()
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
		})
	}
	t.Run("form_post is accepted", func(t *testing.T) {
		resp, err := noRedirects.PostForm(cb.RedirectURI(), url.Values{"code": {"posted"}, "state": {"s"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		r, err := cb.Wait(ctx)
		if err != nil || r.Code != "posted" {
			t.Fatalf("Wait = %+v, %v", r, err)
		}
	})
}

func TestCallbackErrorRedirect(t *testing.T) {
	ctx := t.Context()
	cb, err := oauthlink.ListenCallback(ctx, "", "s")
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Close()
	_, page := get(t, cb.RedirectURI()+"?error=access_denied&error_description="+url.QueryEscape("The user declined to share their data.")+"&state=s")
	if !strings.Contains(page, "access_denied") {
		t.Fatalf("page %q does not name the error", page)
	}
	if strings.Contains(page, "..") || !strings.Contains(page, "their data. Return to linkstep") {
		t.Errorf("page %q does not end the description with one full stop", page)
	}
	if _, err := cb.Wait(ctx); err == nil {
		t.Fatal("an error redirect was delivered as success")
	} else if code, _ := describe(err); code != "access_denied" {
		t.Fatalf("code %q, want access_denied", code)
	}
}

func TestCallbackConfiguredRedirectURI(t *testing.T) {
	ctx := t.Context()
	probe, err := oauthlink.ListenCallback(ctx, "", "s") // find a free port
	if err != nil {
		t.Fatal(err)
	}
	port := strings.TrimSuffix(strings.TrimPrefix(probe.RedirectURI(), "http://127.0.0.1:"), "/callback")
	probe.Close()

	uri := "http://localhost:" + port + "/oauth/return"
	cb, err := oauthlink.ListenCallback(ctx, uri, "s")
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Close()
	if cb.RedirectURI() != uri {
		t.Fatalf("RedirectURI = %s, want %s as configured", cb.RedirectURI(), uri)
	}
	get(t, "http://127.0.0.1:"+port+"/oauth/return?code=c&state=s")
	if r, err := cb.Wait(ctx); err != nil || r.Code != "c" {
		t.Fatalf("Wait = %+v, %v", r, err)
	}

	if _, err := oauthlink.ListenCallback(ctx, "https://example.com/cb", "s"); !errors.Is(err, oauthlink.ErrCannotListen) {
		t.Fatalf("non-loopback redirect URI: %v, want ErrCannotListen", err)
	}
}

func TestCallbackStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cb, err := oauthlink.ListenCallback(ctx, "", "s")
	if err != nil {
		t.Fatal(err)
	}
	waitErr := make(chan error, 1)
	go func() { _, err := cb.Wait(ctx); waitErr <- err }()
	cancel()
	if err := <-waitErr; !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait after cancel = %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := noRedirects.Get(cb.RedirectURI()); err != nil {
			return // the listener is gone
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the listener still answers after its context ended")
}

func TestIsLoopback(t *testing.T) {
	for uri, want := range map[string]bool{
		"http://127.0.0.1:8080/cb":  true,
		"http://localhost:3000/":    true,
		"http://[::1]:9/cb":         true,
		"https://127.0.0.1:8080/cb": true,
		"https://localhost/cb":      true,
		"https://[::1]:9/cb":        true,
		"https://example.com/cb":    false,
		"ftp://127.0.0.1/cb":        false,
		"http://example.com/cb":     false,
		"::not a url":               false,
	} {
		t.Run(uri, func(t *testing.T) {
			if got := oauthlink.IsLoopback(uri); got != want {
				t.Fatalf("IsLoopback(%q) = %v, want %v", uri, got, want)
			}
		})
	}
}
