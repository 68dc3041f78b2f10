// Package faults injects faults into the sandbox's JSON API calls, deterministically from a
// seed: server errors, rate limits with Retry-After, slow answers, truncated JSON bodies and
// dropped connections.
//
// A plan is written as comma-separated key=value pairs:
//
//		5xx=0.1,429=0.05,slow=300ms,malformed=0.02,drop=0.01,seed=42
//
//	  - 5xx=P        answer a fraction P of calls with 500, 502 or 503 (the call is not served)
//	  - 429=P        answer a fraction P with 429 and Retry-After: 1 (the call is not served)
//	  - malformed=P  serve a fraction P, then truncate a 2xx JSON answer's body (served: any
//	    side effect, such as a token being issued, has happened)
//	  - drop=P       close the connection of a fraction P without answering (not served)
//	  - slow=D       delay one call in ten by D before anything else; slow=D@P delays a
//	    fraction P
//	  - seed=N       the seed (default 1): the same seed and the same sequence of calls give
//	    the same faults
//
// The fractions of 5xx, 429, malformed and drop are exclusive and add up to at most 1. Only
// calls a program makes are faulted: requests under a provider's prefix that do not accept
// text/html. The bank's pages (which a browser or the sign-in walker loads), logos and the
// sandbox's own paths are never faulted. Token endpoints are faulted like any other call: a
// client must not retry a code exchange, so the journey fails clearly and may be run again.
package faults

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Kind is one fault.
type Kind string

// The faults a plan injects.
const (
	None        Kind = ""
	ServerError Kind = "5xx"
	RateLimit   Kind = "429"
	Malformed   Kind = "malformed"
	Drop        Kind = "drop"
)

// DefaultSlowRate is the fraction of calls slow=D delays when it names none.
const DefaultSlowRate = 0.1

// Plan says which faults to inject and how often.
type Plan struct {
	ServerError float64       // fraction answered 500/502/503
	RateLimit   float64       // fraction answered 429 with Retry-After: 1
	Malformed   float64       // fraction whose 2xx JSON body is truncated
	Drop        float64       // fraction whose connection is closed without an answer
	Slow        time.Duration // delay of a slow call
	SlowRate    float64       // fraction of calls delayed by Slow
	Seed        uint64
}

// Enabled reports whether the plan injects anything.
func (p Plan) Enabled() bool {
	return p.ServerError > 0 || p.RateLimit > 0 || p.Malformed > 0 || p.Drop > 0 || (p.Slow > 0 && p.SlowRate > 0)
}

// String writes the plan back in the syntax Parse reads.
func (p Plan) String() string {
	var parts []string
	add := func(k string, v float64) {
		if v > 0 {
			parts = append(parts, k+"="+strconv.FormatFloat(v, 'g', -1, 64))
		}
	}
	add("5xx", p.ServerError)
	add("429", p.RateLimit)
	if p.Slow > 0 {
		s := "slow=" + p.Slow.String()
		if p.SlowRate != DefaultSlowRate {
			s += "@" + strconv.FormatFloat(p.SlowRate, 'g', -1, 64)
		}
		parts = append(parts, s)
	}
	add("malformed", p.Malformed)
	add("drop", p.Drop)
	parts = append(parts, "seed="+strconv.FormatUint(p.Seed, 10))
	return strings.Join(parts, ",")
}

// Parse reads a plan (see the package doc); an unknown key or a bad value is an error naming it.
func Parse(s string) (Plan, error) {
	p := Plan{Seed: 1}
	s = strings.TrimSpace(s)
	if s == "" {
		return p, fmt.Errorf("empty fault plan (want e.g. 5xx=0.1,429=0.05,slow=300ms,malformed=0.02,drop=0.01,seed=42)")
	}
	seen := map[string]bool{}
	for _, pair := range strings.Split(s, ",") {
		pair = strings.TrimSpace(pair)
		k, v, ok := strings.Cut(pair, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" || v == "" {
			return Plan{}, fmt.Errorf("fault plan: %q is not key=value", pair)
		}
		if seen[k] {
			return Plan{}, fmt.Errorf("fault plan: %s given twice", k)
		}
		seen[k] = true
		var err error
		switch k {
		case "5xx":
			p.ServerError, err = fraction(k, v)
		case "429":
			p.RateLimit, err = fraction(k, v)
		case "malformed":
			p.Malformed, err = fraction(k, v)
		case "drop":
			p.Drop, err = fraction(k, v)
		case "slow":
			d, rate, hasRate := strings.Cut(v, "@")
			p.Slow, err = time.ParseDuration(d)
			if err != nil || p.Slow < 0 {
				return Plan{}, fmt.Errorf("fault plan: slow=%s: want a duration such as 300ms, optionally @fraction", v)
			}
			p.SlowRate = DefaultSlowRate
			if hasRate {
				p.SlowRate, err = fraction("slow rate", rate)
			}
		case "seed":
			p.Seed, err = strconv.ParseUint(v, 10, 64)
			if err != nil {
				err = fmt.Errorf("fault plan: seed=%s: want a non-negative integer", v)
			}
		default:
			return Plan{}, fmt.Errorf("fault plan: unknown key %q (known: 5xx, 429, slow, malformed, drop, seed)", k)
		}
		if err != nil {
			return Plan{}, err
		}
	}
	if sum := p.ServerError + p.RateLimit + p.Malformed + p.Drop; sum > 1+1e-9 {
		return Plan{}, fmt.Errorf("fault plan: 5xx, 429, malformed and drop add up to %g, more than 1", sum)
	}
	return p, nil
}

// fraction parses a probability in [0, 1].
func fraction(k, v string) (float64, error) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 || f > 1 || f != f {
		return 0, fmt.Errorf("fault plan: %s=%s: want a fraction between 0 and 1", k, v)
	}
	return f, nil
}

// Decision is what the plan does to the nth call.
type Decision struct {
	Kind   Kind
	Status int           // for ServerError and RateLimit
	Delay  time.Duration // for a slow call, before anything else
}

// Decide returns what the plan does to call number n (from 0): a pure function of the seed
// and n.
func (p Plan) Decide(n uint64) Decision {
	var d Decision
	if p.Slow > 0 && unit(p.Seed, n, 1) < p.SlowRate {
		d.Delay = p.Slow
	}
	x := unit(p.Seed, n, 0)
	switch {
	case x < p.ServerError:
		d.Kind = ServerError
		d.Status = []int{http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable}[mix(p.Seed, n, 2)%3]
	case x < p.ServerError+p.RateLimit:
		d.Kind, d.Status = RateLimit, http.StatusTooManyRequests
	case x < p.ServerError+p.RateLimit+p.Malformed:
		d.Kind = Malformed
	case x < p.ServerError+p.RateLimit+p.Malformed+p.Drop:
		d.Kind = Drop
	}
	return d
}

// mix is splitmix64 of the seed, the call number and a stream.
func mix(seed, n, stream uint64) uint64 {
	z := splitmix(seed) + (n*4+stream+1)*0x9e3779b97f4a7c15
	return splitmix(z)
}

// splitmix is splitmix64's finaliser.
func splitmix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// unit is a number in [0, 1) drawn from the seed, the call number and a stream.
func unit(seed, n, stream uint64) float64 {
	return float64(mix(seed, n, stream)>>11) / (1 << 53)
}

// Eligible reports whether a request is a program's call that may be faulted: under one of
// prefixes, not accepting text/html, and not a logo.
func Eligible(r *http.Request, prefixes []string) bool {
	if strings.Contains(r.Header.Get("Accept"), "text/html") || strings.Contains(r.URL.Path, "/logos/") {
		return false
	}
	for _, p := range prefixes {
		if r.URL.Path == p || strings.HasPrefix(r.URL.Path, p+"/") {
			return true
		}
	}
	return false
}

// Handler injects a plan's faults into the eligible calls it serves.
type Handler struct {
	next     http.Handler
	plan     Plan
	prefixes []string
	n        atomic.Uint64
	// OnFault, when set, is told of each fault injected (for a log line).
	OnFault func(r *http.Request, d Decision)
}

// Wrap returns next with plan's faults injected into the calls under prefixes.
func Wrap(next http.Handler, plan Plan, prefixes ...string) *Handler {
	return &Handler{next: next, plan: plan, prefixes: prefixes}
}

// ServeHTTP serves r, faulted as the plan decides for the next eligible call.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !Eligible(r, h.prefixes) {
		h.next.ServeHTTP(w, r)
		return
	}
	d := h.plan.Decide(h.n.Add(1) - 1)
	if d.Delay > 0 {
		t := time.NewTimer(d.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	if d.Kind != None && h.OnFault != nil {
		h.OnFault(r, d)
	}
	switch d.Kind {
	case ServerError:
		writeJSON(w, d.Status, `{"error":"sandbox_fault","error_description":"injected server error"}`)
	case RateLimit:
		w.Header().Set("Retry-After", "1")
		writeJSON(w, d.Status, `{"error":"rate_limited","error_description":"injected rate limit"}`)
	case Drop:
		drop(w)
	case Malformed:
		serveTruncated(h.next, w, r)
	default:
		h.next.ServeHTTP(w, r)
	}
}

// writeJSON writes a small JSON answer.
func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body + "\n"))
}

// drop closes the connection without an answer; without a hijackable connection it aborts
// the handler, which makes the server close the connection too.
func drop(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// serveTruncated serves r into a buffer and answers with the body cut in half when the answer
// is a 2xx JSON body; any other answer goes out as it was.
func serveTruncated(next http.Handler, w http.ResponseWriter, r *http.Request) {
	b := &buffer{header: http.Header{}}
	next.ServeHTTP(b, r)
	if b.status == 0 {
		b.status = http.StatusOK
	}
	body := b.body
	if b.status >= 200 && b.status <= 299 && strings.Contains(b.header.Get("Content-Type"), "json") && len(body) > 1 {
		body = body[:len(body)/2]
	}
	for k, v := range b.header {
		w.Header()[k] = v
	}
	w.Header().Del("Content-Length")
	w.WriteHeader(b.status)
	_, _ = w.Write(body)
}

// buffer is a ResponseWriter that keeps the answer.
type buffer struct {
	header http.Header
	status int
	body   []byte
}

func (b *buffer) Header() http.Header { return b.header }

func (b *buffer) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *buffer) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	b.body = append(b.body, p...)
	return len(p), nil
}
