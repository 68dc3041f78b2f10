package truelayer

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/linkstep/linkstep/providers/transcript"
)

func TestExchangeThroughRecorderIsRedacted(t *testing.T) {
	ep := &tokenEndpoint{t: t}
	c, counted := newTestClient(t, ep, nil)
	c.hc.Transport = transcript.NewRecorder(counted, transcript.NewRedactor(testCreds.ClientSecret))
	var mu sync.Mutex
	var entries []transcript.Entry
	ctx := transcript.WithSink(context.Background(), func(e transcript.Entry) {
		mu.Lock()
		defer mu.Unlock()
		entries = append(entries, e)
	})
	tok, err := c.Exchange(ctx, "the-code-value", "http://127.0.0.1:53682/callback", "verifier-0123456789-0123456789")
	if err != nil {
		t.Fatalf("Exchange: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(entries) != 1 {
		t.Fatalf("entries = %d, want 1", len(entries))
	}
	e := entries[0]
	all := e.URL + e.RequestBody + e.ResponseBody
	for _, secret := range []string{testCreds.ClientSecret, "the-code-value", "verifier-0123456789", tok.AccessToken, tok.RefreshToken} {
		if strings.Contains(all, secret) {
			t.Errorf("transcript leaks %q:\n%s", secret, all)
		}
	}
	if !strings.Contains(e.RequestBody, "grant_type=authorization_code") || !strings.Contains(e.ResponseBody, `"expires_in":3600`) {
		t.Errorf("transcript lost harmless fields:\n%s\n%s", e.RequestBody, e.ResponseBody)
	}
}
