package oauthlink_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/linkstep/linkstep/flows/oauthlink"
)

// browserTo is a Show that follows the link's callback like a browser after the provider
// finished: it GETs target(urls) and waits to be withdrawn.
func browserTo(t *testing.T, callback *string) oauthlink.ShowFunc {
	return func(ctx context.Context, l oauthlink.Link) (oauthlink.Reply, error) {
		go func() {
			if resp, err := noRedirects.Get(*callback); err == nil {
				resp.Body.Close()
			}
		}()
		<-ctx.Done()
		return oauthlink.Reply{}, ctx.Err()
	}
}

func TestAwaitHostedCatchesTheCallbacks(t *testing.T) {
	tests := []struct {
		name        string
		pick        func(oauthlink.HostedURLs) string
		wantSuccess bool
		wantErr     error
	}{
		{name: "success", pick: func(u oauthlink.HostedURLs) string { return u.Success + "&sessionId=ds-1" }, wantSuccess: true},
		{name: "error", pick: func(u oauthlink.HostedURLs) string { return u.Error + "&reason=bank_declined" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var callback string
			req := oauthlink.HostedRequest{
				Create: func(_ context.Context, u oauthlink.HostedURLs) (string, error) {
					callback = tt.pick(u)
					return "https://hosted.example/session", nil
				},
				Show: browserTo(t, &callback),
			}
			o, err := oauthlink.Flow{Timeout: 10 * time.Second}.AwaitHosted(t.Context(), req)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("AwaitHosted = %+v, %v; want %v", o, err, tt.wantErr)
				}
				return
			}
			if err != nil || o.Success != tt.wantSuccess {
				t.Fatalf("AwaitHosted = %+v, %v", o, err)
			}
			if tt.wantSuccess && o.Values.Get("sessionId") != "ds-1" || !tt.wantSuccess && o.Values.Get("reason") != "bank_declined" {
				t.Fatalf("values = %v", o.Values)
			}
		})
	}
}

func TestAwaitHostedRefusesAnotherStateAndKeepsWaiting(t *testing.T) {
	var urls oauthlink.HostedURLs
	created := make(chan struct{})
	refusals := &told{}
	req := oauthlink.HostedRequest{
		Create: func(_ context.Context, u oauthlink.HostedURLs) (string, error) {
			urls = u
			close(created)
			return "https://hosted.example/session", nil
		},
		Show: func(ctx context.Context, l oauthlink.Link) (oauthlink.Reply, error) {
			<-ctx.Done()
			return oauthlink.Reply{}, ctx.Err()
		},
	}
	type result struct {
		o   oauthlink.HostedOutcome
		err error
	}
	done := make(chan result, 1)
	go func() {
		f := oauthlink.Flow{Timeout: 10 * time.Second, OnRefused: refusals.add}
		o, err := f.AwaitHosted(t.Context(), req)
		done <- result{o, err}
	}()
	<-created
	for _, stray := range []string{
		strings.Replace(urls.Success, "state=", "state=x", 1),
		strings.Replace(urls.Error, "state=", "state=x", 1),
		urls.Success[:strings.Index(urls.Success, "?")],
	} {
		if status, page := get(t, stray); status != http.StatusBadRequest || !strings.Contains(page, "still waiting") {
			t.Fatalf("GET %s = %d %q, want 400 saying linkstep is still waiting", stray, status, page)
		}
	}
	select {
	case r := <-done:
		t.Fatalf("a callback with another state ended the wait: %+v, %v", r.o, r.err)
	default:
	}
	if status, _ := get(t, urls.Success+"&sessionId=ds-1"); status != http.StatusOK {
		t.Fatalf("the right callback got %d, want 200", status)
	}
	r := <-done
	if r.err != nil || !r.o.Success || r.o.Values.Get("sessionId") != "ds-1" {
		t.Fatalf("AwaitHosted = %+v, %v", r.o, r.err)
	}
	if got := refusals.all(); len(got) != 3 || !strings.Contains(got[0], "another state") || !strings.Contains(got[2], "without any parameters") {
		t.Fatalf("refusals told = %q, want the three, each saying why", got)
	}
}

func TestAwaitHostedWebhooksAreCheckedAndDoNotEndTheWait(t *testing.T) {
	var urls oauthlink.HostedURLs
	var refused, accepted atomic.Int32
	created := make(chan struct{})
	req := oauthlink.HostedRequest{
		Create: func(_ context.Context, u oauthlink.HostedURLs) (string, error) {
			urls = u
			close(created)
			return "https://hosted.example/session", nil
		},
		Show: func(ctx context.Context, l oauthlink.Link) (oauthlink.Reply, error) {
			<-ctx.Done()
			return oauthlink.Reply{}, ctx.Err()
		},
		Webhook: func(body []byte, h http.Header) error {
			if h.Get("X-Sig") != "good" {
				refused.Add(1)
				return errors.New("bad signature")
			}
			accepted.Add(1)
			return nil
		},
	}
	done := make(chan error, 1)
	go func() {
		_, err := oauthlink.Flow{Timeout: 10 * time.Second}.AwaitHosted(t.Context(), req)
		done <- err
	}()
	<-created
	post := func(sig string) int {
		r, _ := http.NewRequest(http.MethodPost, urls.Result, strings.NewReader(`{"type":"data_session_completed"}`))
		r.Header.Set("X-Sig", sig)
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := post("bad"); got != http.StatusUnauthorized {
		t.Fatalf("a bad webhook got %d, want 401", got)
	}
	if got := post("good"); got != http.StatusNoContent {
		t.Fatalf("a good webhook got %d, want 204", got)
	}
	if resp, err := noRedirects.Get(urls.Success); err == nil {
		resp.Body.Close()
	}
	if err := <-done; err != nil || refused.Load() != 1 || accepted.Load() != 1 {
		t.Fatalf("AwaitHosted = %v with %d refused and %d accepted webhooks", err, refused.Load(), accepted.Load())
	}
}

func TestAwaitHostedPollsWhenItCannotListen(t *testing.T) {
	var polls atomic.Int32
	req := oauthlink.HostedRequest{
		Create: func(_ context.Context, u oauthlink.HostedURLs) (string, error) {
			if !strings.HasPrefix(u.Success, "https://app.example.com/ivy/success?state=") {
				t.Errorf("success URL = %s", u.Success)
			}
			return "https://hosted.example/session", nil
		},
		Show: func(ctx context.Context, l oauthlink.Link) (oauthlink.Reply, error) {
			if l.Listening {
				t.Error("listening for a non-loopback callback")
			}
			<-ctx.Done()
			return oauthlink.Reply{}, ctx.Err()
		},
		Poll: func(context.Context) (oauthlink.HostedOutcome, bool, error) {
			if polls.Add(1) < 3 {
				return oauthlink.HostedOutcome{}, false, nil
			}
			return oauthlink.HostedOutcome{Success: true}, true, nil
		},
		PollEvery: 10 * time.Millisecond,
	}
	o, err := oauthlink.Flow{RedirectURI: "https://app.example.com/ivy"}.AwaitHosted(t.Context(), req)
	if err != nil || !o.Success || polls.Load() != 3 {
		t.Fatalf("AwaitHosted = %+v, %v after %d polls", o, err, polls.Load())
	}
}

func TestParseHosted(t *testing.T) {
	base := "http://127.0.0.1:4000/callback"
	tests := []struct {
		name, input string
		success     bool
		wantErr     error
	}{
		{name: "success", input: base + "/success?state=s&sessionId=1", success: true},
		{name: "error", input: base + "/error?state=s"},
		{name: "forged state", input: base + "/success?state=x", wantErr: oauthlink.ErrStateMismatch},
		{name: "another path", input: base + "/elsewhere?state=s", wantErr: oauthlink.ErrInvalidRedirect},
		{name: "not a URL", input: "code", wantErr: oauthlink.ErrInvalidRedirect},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := oauthlink.ParseHosted(tt.input, base, "s")
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("ParseHosted = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || o.Success != tt.success {
				t.Fatalf("ParseHosted = %+v, %v", o, err)
			}
		})
	}
}

func TestCheckPastedHosted(t *testing.T) {
	base := "http://127.0.0.1:4000/callback"
	tests := []struct {
		name, input        string
		wantCode, wantDesc string
	}{
		{name: "the session's success", input: base + "/success?state=s&sessionId=1"},
		{name: "the session's error callback passes, to end the step", input: base + "/error?state=s"},
		{name: "another session's callback", input: base + "/success?state=x", wantCode: "state_mismatch", wantDesc: "belongs to another auth link"},
		{name: "a callback without state", input: base + "/success", wantCode: "state_mismatch", wantDesc: "carries no state"},
		{name: "another path", input: base + "/elsewhere?state=s", wantCode: "invalid_redirect"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, desc := describe(oauthlink.CheckPastedHosted(tt.input, base, "s"))
			if code != tt.wantCode || !strings.Contains(desc, tt.wantDesc) {
				t.Fatalf("CheckPastedHosted(%q) = %s: %s, want %q with %q", tt.input, code, desc, tt.wantCode, tt.wantDesc)
			}
		})
	}
}
