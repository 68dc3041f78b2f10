// Package transcript records every HTTP exchange a provider client makes, with secrets masked,
// and hands each record to the sink carried by the request's context; recorded exchanges export
// as a HAR 1.2 archive (har.go) or as copy-as-curl commands with secrets as shell variables
// (curl.go).
package transcript

import (
	"context"
	"net/http"
	"time"
)

// Entry is one redacted HTTP exchange: what was asked, what came back, and how long it took.
type Entry struct {
	Started         time.Time     `json:"started"`
	Duration        time.Duration `json:"duration"`
	Method          string        `json:"method"`
	URL             string        `json:"url"`
	Status          int           `json:"status,omitempty"`
	RequestHeaders  http.Header   `json:"request_headers,omitempty"`
	RequestBody     string        `json:"request_body,omitempty"`
	ResponseHeaders http.Header   `json:"response_headers,omitempty"`
	ResponseBody    string        `json:"response_body,omitempty"`
	Err             string        `json:"error,omitempty"`

	// raw is the exchange as it went over the wire, for a pane that reveals secrets on
	// request; unexported (and a pointer, which %v prints as an address) so that no encoder,
	// export or log ever writes it. See Unredacted.
	raw *Unredacted
}

// Sink receives each recorded exchange; it must not block for long.
type Sink func(Entry)

type sinkKey struct{}

// WithSink returns a context whose HTTP requests are reported to sink by the Recorder.
func WithSink(ctx context.Context, sink Sink) context.Context {
	return context.WithValue(ctx, sinkKey{}, sink)
}

// SinkFrom returns the sink carried by ctx, or nil when there is none.
func SinkFrom(ctx context.Context) Sink {
	s, _ := ctx.Value(sinkKey{}).(Sink)
	return s
}
