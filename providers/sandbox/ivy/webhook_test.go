package ivy

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// receivedWebhook is a webhook a test receiver got, with its signature checked.
type receivedWebhook struct {
	Type      string
	SessionID string
	Status    string
	ErrorCode string
	SignedOK  bool
}

// newReceiver serves a result webhook receiver on the loopback that checks the signature with
// crypto/hmac itself and answers status.
func newReceiver(t *testing.T, secret string, status int) (*httptest.Server, func() []receivedWebhook) {
	t.Helper()
	var mu sync.Mutex
	var got []receivedWebhook
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mac := hmac.New(sha256.New, []byte(secret))
		mac.Write(body)
		sig, err := hex.DecodeString(r.Header.Get("X-Ivy-Signature"))
		var hook struct {
			Type    string `json:"type"`
			Payload struct {
				ID     string `json:"id"`
				Status string `json:"status"`
				Error  *struct {
					Code string `json:"code"`
				} `json:"error"`
			} `json:"payload"`
		}
		_ = json.Unmarshal(body, &hook)
		rw := receivedWebhook{Type: hook.Type, SessionID: hook.Payload.ID, Status: hook.Payload.Status,
			SignedOK: err == nil && r.Method == http.MethodPost && hmac.Equal(sig, mac.Sum(nil))}
		if hook.Payload.Error != nil {
			rw.ErrorCode = hook.Payload.Error.Code
		}
		mu.Lock()
		got = append(got, rw)
		mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []receivedWebhook {
		mu.Lock()
		defer mu.Unlock()
		return append([]receivedWebhook(nil), got...)
	}
}

func TestResultWebhookIsSigned(t *testing.T) {
	tests := []struct {
		name, username, password string
		decline                  bool
		wantError                string
	}{
		{"completed", "john", "doe", false, ""},
		{"declined", "john", "doe", true, "consent_declined"},
		{"an error user", "error.wrong_credentials", "error", false, "wrong_credentials"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			receiver, received := newReceiver(t, testWebhookSecret, http.StatusNoContent)
			s := e.create(map[string]any{"resultCallbackUrl": receiver.URL + "/callback/result"})
			if _, err := e.walk(s["redirectUrl"].(string), tt.username, tt.password, tt.decline); err != nil {
				t.Fatal(err)
			}
			// The browser's redirect waits for the delivery: it is there by now.
			got := received()
			if len(got) != 1 {
				t.Fatalf("%d webhooks received, want 1", len(got))
			}
			want := receivedWebhook{Type: "data_session_completed", SessionID: s["id"].(string), Status: "closed", ErrorCode: tt.wantError, SignedOK: true}
			if got[0] != want {
				t.Fatalf("webhook %+v, want %+v", got[0], want)
			}
			stored, _ := e.h.store.get(s["id"].(string))
			if len(stored.Deliveries) != 1 || stored.Deliveries[0].Err != "" || stored.Deliveries[0].Status != http.StatusNoContent {
				t.Fatalf("deliveries %+v", stored.Deliveries)
			}
		})
	}
}

// TestResultWebhookFailuresAreRecorded checks that a receiver that fails, redirects, hangs or
// is not on this machine does not break the session: the browser still reaches the success
// callback, the session is complete, and the failure is recorded and reported.
func TestResultWebhookFailuresAreRecorded(t *testing.T) {
	failing, _ := newReceiver(t, testWebhookSecret, http.StatusInternalServerError)
	redirecting := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://127.0.0.1:1/elsewhere", http.StatusTemporaryRedirect)
	}))
	t.Cleanup(redirecting.Close)
	release := make(chan struct{})
	hanging := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-release }))
	t.Cleanup(func() { close(release); hanging.Close() })
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()

	tests := []struct {
		name, target, wantErr string
		wantStatus            int
	}{
		{"HTTP 500", failing.URL + "/r", "HTTP 500", 500},
		{"a redirect", redirecting.URL + "/r", "a redirect, not followed", 307},
		{"no answer in time", hanging.URL + "/r", "no answer within 300ms", 0},
		{"nobody listening", closedURL + "/r", "connect", 0},
		{"not on this machine", "https://hooks.example.com/r", "loopback addresses only", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var logged []string
			e := newTestEnv(t, Config{WebhookTimeout: 300 * time.Millisecond, Logf: func(f string, a ...any) {
				mu.Lock()
				defer mu.Unlock()
				logged = append(logged, f)
			}})
			s := e.create(map[string]any{"resultCallbackUrl": tt.target})
			got, err := e.walk(s["redirectUrl"].(string), "john", "doe", false)
			if u, _ := url.Parse(got); err != nil || u.Path != "/callback/success" {
				t.Fatalf("walk = %s, %v; want the success callback", got, err)
			}
			e.h.Wait()
			stored, _ := e.h.store.get(s["id"].(string))
			if stored.listStatus(e.clock.Now()) != "complete" || len(stored.Deliveries) != 1 {
				t.Fatalf("session %s with deliveries %+v", stored.listStatus(e.clock.Now()), stored.Deliveries)
			}
			d := stored.Deliveries[0]
			if !strings.Contains(d.Err, tt.wantErr) || d.Status != tt.wantStatus || d.URL != tt.target {
				t.Fatalf("delivery %+v, want an error saying %q", d, tt.wantErr)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(logged) != 1 || !strings.Contains(logged[0], "not delivered") {
				t.Errorf("logged %v", logged)
			}
			if status, _ := e.call(pathAccounts, map[string]any{"sessionId": s["id"]}); status != http.StatusOK {
				t.Errorf("accounts: %d", status)
			}
		})
	}
}

func TestLoopbackOnly(t *testing.T) {
	tests := map[string]bool{"127.0.0.1:80": true, "[::1]:8080": true, "127.1.2.3:1": true, "10.0.0.1:80": false,
		"93.184.216.34:443": false, "localhost:80": false, "nonsense": false}
	for addr, want := range tests {
		if err := loopbackOnly("tcp", addr, nil); (err == nil) != want {
			t.Errorf("loopbackOnly(%s) = %v, want allowed %v", addr, err, want)
		}
	}
	for host, want := range map[string]bool{"localhost": true, "LOCALHOST": true, "127.0.0.1": true, "::1": true, "example.com": false, "10.1.1.1": false} {
		if isLoopbackHost(host) != want {
			t.Errorf("isLoopbackHost(%s) != %v", host, want)
		}
	}
}
