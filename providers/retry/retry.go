// Package retry retries a provider client's idempotent reads: on 500, 502, 503, 504 and 429,
// on a dropped connection and on a timeout, with exponential backoff and jitter, honouring
// Retry-After up to a cap, and never past the context. Calls that change something at the
// provider (a code exchange, a token refresh, a session create, a revoke) are never given to
// Do: the client sends them once.
//
// Each retry is seen twice: the transcript records every attempt as its own exchange, and the
// observer carried by the context (WithObserver) is told before each retry, for a journey to
// show it as an event.
package retry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"
)

// Policy says how often and how long to retry.
type Policy struct {
	Retries       int           // retries after the first attempt
	Base          time.Duration // the first backoff; each next one doubles
	MaxBackoff    time.Duration // cap of a backoff
	MaxRetryAfter time.Duration // a longer Retry-After is not waited for: the answer stands
}

// Default is the policy of linkstep's clients: 3 retries after 100 ms, 200 ms, 400 ms (each
// ±25 %), Retry-After honoured up to 5 s.
var Default = Policy{Retries: 3, Base: 100 * time.Millisecond, MaxBackoff: 2 * time.Second, MaxRetryAfter: 5 * time.Second}

// Answer is one attempt's answer, its body read in full.
type Answer struct {
	Status int
	Header http.Header
	Body   []byte
}

// Notice tells an observer that a call is about to be retried.
type Notice struct {
	Op      string        // the client's name for the call, e.g. "truelayer: list accounts"
	Attempt int           // the attempt that failed, from 1
	Reason  string        // e.g. "HTTP 503", "HTTP 429", "connection dropped: EOF"
	Wait    time.Duration // before the next attempt
}

// String reads e.g. "truelayer: list accounts: HTTP 503, retry 1 in 110ms".
func (n Notice) String() string {
	return fmt.Sprintf("%s: %s, retry %d in %s", n.Op, n.Reason, n.Attempt, n.Wait.Round(time.Millisecond))
}

type observerKey struct{}

// WithObserver returns a context whose retried calls are told to observe before each retry;
// observe must not block for long.
func WithObserver(ctx context.Context, observe func(Notice)) context.Context {
	return context.WithValue(ctx, observerKey{}, observe)
}

// observerFrom returns the observer ctx carries, or nil.
func observerFrom(ctx context.Context) func(Notice) {
	f, _ := ctx.Value(observerKey{}).(func(Notice))
	return f
}

// Do makes attempt until it gives an answer that is not worth retrying, the retries are used
// up, or ctx is done; it returns the last answer and error. attempt sends one request and
// reads its body in full; its error is a transport or read error.
func (p Policy) Do(ctx context.Context, op string, attempt func() (Answer, error)) (Answer, error) {
	for n := 1; ; n++ {
		a, err := attempt()
		if n > p.Retries || ctx.Err() != nil {
			return a, err
		}
		reason, wait, ok := p.shouldRetry(a, err, n)
		if !ok {
			return a, err
		}
		if observe := observerFrom(ctx); observe != nil {
			observe(Notice{Op: op, Attempt: n, Reason: reason, Wait: wait})
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return a, err
		case <-t.C:
		}
	}
}

// shouldRetry says whether the nth attempt's outcome is worth retrying, why, and after how long.
func (p Policy) shouldRetry(a Answer, err error, n int) (reason string, wait time.Duration, ok bool) {
	if err != nil {
		if !Transient(err) {
			return "", 0, false
		}
		return "connection failed: " + err.Error(), p.backoff(n), true
	}
	switch a.Status {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout, http.StatusTooManyRequests:
	default:
		return "", 0, false
	}
	reason = "HTTP " + strconv.Itoa(a.Status)
	wait = p.backoff(n)
	if ra, given := RetryAfter(a.Header, time.Now()); given {
		if ra > p.MaxRetryAfter {
			return "", 0, false // the provider asks for longer than anyone waits: the answer stands
		}
		wait = max(wait, ra)
	}
	return reason, wait, true
}

// backoff is the wait before retry n (from 1): Base doubled n-1 times, ±25 %, capped.
func (p Policy) backoff(n int) time.Duration {
	d := p.Base << (n - 1)
	if d <= 0 || d > p.MaxBackoff {
		d = p.MaxBackoff
	}
	jitter := time.Duration(rand.Int64N(int64(d)/2+1)) - d/4
	return min(d+jitter, p.MaxBackoff)
}

// RetryAfter reads a Retry-After header: seconds, or an HTTP date relative to now.
func RetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := h.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// Transient reports whether a transport error may go away: a dropped or reset connection, or a
// timeout (not the caller's context, which Do checks itself).
func Transient(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNABORTED)
}
