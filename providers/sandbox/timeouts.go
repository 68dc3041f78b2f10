package sandbox

import (
	"net/http"
	"time"
)

// Timeouts bound how long the server Start makes gives one connection: a client that sends
// its headers or body slowly, or keeps an idle connection open, cannot hold it forever. A
// zero field takes its default.
type Timeouts struct {
	ReadHeader time.Duration // the request line and headers; default 5s
	Read       time.Duration // the whole request, body included; default 30s
	Write      time.Duration // from the end of the headers to the end of the answer; default 60s
	Idle       time.Duration // a kept-alive connection between requests; default 60s
}

// The default Timeouts. Write leaves room for a faults plan's slow answers and Ivy's pages.
const (
	defaultReadHeaderTimeout = 5 * time.Second
	defaultReadTimeout       = 30 * time.Second
	defaultWriteTimeout      = 60 * time.Second
	defaultIdleTimeout       = 60 * time.Second
)

// withDefaults fills in the zero fields.
func (t Timeouts) withDefaults() Timeouts {
	fill := func(d *time.Duration, def time.Duration) {
		if *d <= 0 {
			*d = def
		}
	}
	fill(&t.ReadHeader, defaultReadHeaderTimeout)
	fill(&t.Read, defaultReadTimeout)
	fill(&t.Write, defaultWriteTimeout)
	fill(&t.Idle, defaultIdleTimeout)
	return t
}

// newHTTPServer is the server Start runs: handler behind the timeouts.
func newHTTPServer(handler http.Handler, t Timeouts) *http.Server {
	t = t.withDefaults()
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
	}
}
