package truelayer

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/linkstep/linkstep/providers/retry"
)

// flaky answers the first fails calls to each path with status (0: drops the connection),
// then 200 with body; it counts calls.
func flaky(t *testing.T, fails int, status int, body string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		if int(n) <= fails {
			if status == 0 {
				conn, _, _ := http.NewResponseController(w).Hijack()
				conn.Close()
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			w.Write([]byte(`{"error":"server_error"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func TestGetIsRetriedAndEachRetryIsObserved(t *testing.T) {
	for _, status := range []int{500, 502, 503, 429, 0} {
		srv, calls := flaky(t, 2, status, `{"ok":true}`)
		c := New(Hosts{Auth: srv.URL, API: srv.URL}, Credentials{ClientID: "id", ClientSecret: "s"}, srv.Client())
		var notices []retry.Notice
		ctx := retry.WithObserver(context.Background(), func(n retry.Notice) { notices = append(notices, n) })
		a, err := c.get(ctx, "read", srv.URL+"/x", "tok")
		if err != nil || string(a.body) != `{"ok":true}` || calls.Load() != 3 || len(notices) != 2 {
			t.Errorf("status %d: err %v, %d calls, notices %v", status, err, calls.Load(), notices)
		}
	}
}

func TestGetGivesUpWithAClearError(t *testing.T) {
	srv, calls := flaky(t, 100, 503, "")
	c := New(Hosts{Auth: srv.URL, API: srv.URL}, Credentials{}, srv.Client())
	_, err := c.get(context.Background(), "list accounts", srv.URL+"/x", "")
	if e, ok := err.(*Error); !ok || e.Status != 503 || calls.Load() != 4 {
		t.Fatalf("err %v after %d calls", err, calls.Load())
	}
}

func TestMalformedAnswerIsNotRetried(t *testing.T) {
	srv, calls := flaky(t, 0, 0, `{"results":[`)
	c := New(Hosts{Auth: srv.URL, API: srv.URL}, Credentials{}, srv.Client())
	if _, err := c.Me(context.Background(), "tok"); err == nil || calls.Load() != 1 {
		t.Fatalf("err %v after %d calls", err, calls.Load())
	}
}

func TestChangesAreNeverRetried(t *testing.T) {
	srv, calls := flaky(t, 100, 500, "")
	c := New(Hosts{Auth: srv.URL, API: srv.URL}, Credentials{ClientID: "id", ClientSecret: "s"}, srv.Client())
	ctx := context.Background()
	steps := map[string]func() error{
		"exchange": func() error { _, err := c.Exchange(ctx, "code", "http://127.0.0.1/cb", ""); return err },
		"refresh":  func() error { _, err := c.Refresh(ctx, "rt"); return err },
		"extend": func() error {
			_, err := c.postJSON(ctx, "extend", srv.URL+"/data/v1/connections/extend", "", map[string]string{})
			return err
		},
		"revoke": func() error { return c.Revoke(ctx, "tok") },
	}
	for name, step := range steps {
		calls.Store(0)
		if err := step(); err == nil || calls.Load() != 1 {
			t.Errorf("%s: err %v after %d calls, want one call", name, err, calls.Load())
		}
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c := New(Hosts{Auth: srv.URL, API: srv.URL}, Credentials{}, srv.Client())
	start := time.Now()
	if _, err := c.get(context.Background(), "read", srv.URL, ""); err != nil || time.Since(start) < time.Second {
		t.Fatalf("err %v after %s", err, time.Since(start))
	}
}

func TestTimeoutIsRetried(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
			return
		}
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	hc := &http.Client{Timeout: 200 * time.Millisecond, Transport: &http.Transport{DialContext: (&net.Dialer{}).DialContext}}
	c := New(Hosts{Auth: srv.URL, API: srv.URL}, Credentials{}, hc)
	if _, err := c.get(context.Background(), "read", srv.URL, ""); err != nil || calls.Load() != 2 {
		t.Fatalf("err %v after %d calls", err, calls.Load())
	}
}
