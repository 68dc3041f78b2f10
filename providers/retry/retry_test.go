package retry

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

var fast = Policy{Retries: 3, Base: time.Millisecond, MaxBackoff: 10 * time.Millisecond, MaxRetryAfter: 5 * time.Second}

func TestRetriesServerErrorsThenSucceeds(t *testing.T) {
	var notices []Notice
	ctx := WithObserver(context.Background(), func(n Notice) { notices = append(notices, n) })
	calls := 0
	a, err := fast.Do(ctx, "op", func() (Answer, error) {
		calls++
		switch calls {
		case 1:
			return Answer{Status: 503}, nil
		case 2:
			return Answer{}, io.ErrUnexpectedEOF
		}
		return Answer{Status: 200}, nil
	})
	if err != nil || a.Status != 200 || calls != 3 || len(notices) != 2 {
		t.Fatalf("status %d, err %v, calls %d, notices %v", a.Status, err, calls, notices)
	}
	if notices[0].Reason != "HTTP 503" || notices[0].Attempt != 1 || notices[1].Attempt != 2 {
		t.Fatalf("notices %v", notices)
	}
}

func TestGivesUpAfterTheRetries(t *testing.T) {
	calls := 0
	a, _ := fast.Do(context.Background(), "op", func() (Answer, error) { calls++; return Answer{Status: 500}, nil })
	if calls != 4 || a.Status != 500 {
		t.Fatalf("calls %d, status %d", calls, a.Status)
	}
}

func TestDoesNotRetryWhatWillNotChange(t *testing.T) {
	for _, status := range []int{200, 400, 401, 404, 501} {
		calls := 0
		fast.Do(context.Background(), "op", func() (Answer, error) { calls++; return Answer{Status: status}, nil })
		if calls != 1 {
			t.Errorf("HTTP %d: %d calls", status, calls)
		}
	}
	calls := 0
	fast.Do(context.Background(), "op", func() (Answer, error) { calls++; return Answer{}, errors.New("unsupported protocol scheme") })
	if calls != 1 {
		t.Errorf("a permanent error was retried: %d calls", calls)
	}
}

func TestHonoursRetryAfterUpToTheCap(t *testing.T) {
	calls := 0
	start := time.Now()
	a, _ := fast.Do(context.Background(), "op", func() (Answer, error) {
		calls++
		if calls == 1 {
			return Answer{Status: 429, Header: http.Header{"Retry-After": {"1"}}}, nil
		}
		return Answer{Status: 200}, nil
	})
	if a.Status != 200 || time.Since(start) < time.Second {
		t.Fatalf("status %d after %s: Retry-After not honoured", a.Status, time.Since(start))
	}
	calls = 0
	a, _ = fast.Do(context.Background(), "op", func() (Answer, error) {
		calls++
		return Answer{Status: 429, Header: http.Header{"Retry-After": {"3600"}}}, nil
	})
	if calls != 1 || a.Status != 429 {
		t.Fatalf("a Retry-After past the cap was waited for: %d calls", calls)
	}
}

func TestStopsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	slow := Policy{Retries: 3, Base: time.Hour, MaxBackoff: time.Hour, MaxRetryAfter: time.Hour}
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	done := make(chan struct{})
	go func() {
		slow.Do(ctx, "op", func() (Answer, error) { calls++; return Answer{Status: 503}, nil })
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Do waited past its context")
	}
	if calls != 1 {
		t.Fatalf("calls %d", calls)
	}
}

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	for n := 1; n <= 3; n++ {
		want := Default.Base << (n - 1)
		for range 50 {
			d := Default.backoff(n)
			if d < want*3/4 || d > want*5/4 {
				t.Fatalf("backoff %d = %s, want %s ±25%%", n, d, want)
			}
		}
	}
	if d := Default.backoff(30); d > Default.MaxBackoff {
		t.Fatalf("uncapped: %s", d)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if d, ok := RetryAfter(http.Header{"Retry-After": {"2"}}, now); !ok || d != 2*time.Second {
		t.Fatal(d, ok)
	}
	if d, ok := RetryAfter(http.Header{"Retry-After": {now.Add(3 * time.Second).Format(http.TimeFormat)}}, now); !ok || d != 3*time.Second {
		t.Fatal(d, ok)
	}
	if _, ok := RetryAfter(http.Header{"Retry-After": {"soon"}}, now); ok {
		t.Fatal("soon")
	}
}

func TestReadsTransportRetriesGetsOnly(t *testing.T) {
	calls := 0
	base := roundTripper(func(r *http.Request) (*http.Response, error) {
		calls++
		status := 503
		if calls%3 == 0 {
			status = 200
		}
		return &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("keys")), Request: r}, nil
	})
	hc := &http.Client{Transport: fast.Reads(base, "keys")}
	resp, err := hc.Get("http://example.test/jwks")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || string(b) != "keys" || calls != 3 {
		t.Fatalf("status %d, body %q, calls %d", resp.StatusCode, b, calls)
	}
	calls = 0
	resp, err = hc.Post("http://example.test/token", "text/plain", strings.NewReader("code"))
	if err != nil || resp.StatusCode != 503 || calls != 1 {
		t.Fatalf("a POST was retried: %d calls, %v", calls, err)
	}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
