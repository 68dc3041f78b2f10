package transcript

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Recorder is an http.RoundTripper that reports each exchange, redacted, to the Sink carried
// by the request's context; without a sink it only passes the request through.
type Recorder struct {
	// Base makes the actual requests; nil means http.DefaultTransport.
	Base http.RoundTripper
	// Redactor masks secrets; nil masks secret keys and JWTs but no registered values.
	Redactor *Redactor
	// MaxBody is how many bytes of each redacted body an Entry keeps; <= 0 means DefaultMaxBody.
	MaxBody int
}

// NewRecorder returns a Recorder over base that redacts with r.
func NewRecorder(base http.RoundTripper, r *Redactor) *Recorder {
	return &Recorder{Base: base, Redactor: r}
}

// RoundTrip performs req through Base and, when req's context carries a Sink, reports the
// redacted exchange to it (also when the transport fails); the caller's response is intact.
func (rec *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	base := rec.Base
	if base == nil {
		base = http.DefaultTransport
	}
	sink := SinkFrom(req.Context())
	if sink == nil {
		return base.RoundTrip(req)
	}

	captureLimit := max(minParseLimit, 2*rec.maxBody())
	started := time.Now()
	reqBody, req, err := captureRequestBody(req, captureLimit)
	entry := Entry{
		Started:        started,
		Method:         req.Method,
		URL:            rec.Redactor.URL(req.URL.String()),
		RequestHeaders: rec.Redactor.Headers(req.Header),
		RequestBody:    rec.Redactor.body(req.Header.Get("Content-Type"), reqBody, rec.maxBody()),
		raw: &Unredacted{
			URL:            req.URL.String(),
			RequestHeaders: cloneHeader(req.Header),
			RequestBody:    rawBody(req.Header.Get("Content-Type"), reqBody, rec.maxBody()),
		},
	}
	if err != nil {
		entry.Duration = time.Since(started)
		entry.Err = rec.Redactor.Text(err.Error())
		sink(entry)
		return nil, err
	}

	resp, err := base.RoundTrip(req)
	if err != nil {
		entry.Duration = time.Since(started)
		entry.Err = rec.Redactor.Text(err.Error())
		sink(entry)
		return nil, err
	}
	respBody, readErr := captureResponseBody(resp, captureLimit)
	entry.Duration = time.Since(started)
	entry.Status = resp.StatusCode
	entry.ResponseHeaders = rec.Redactor.Headers(resp.Header)
	entry.ResponseBody = rec.Redactor.body(resp.Header.Get("Content-Type"), respBody, rec.maxBody())
	entry.raw.ResponseHeaders = cloneHeader(resp.Header)
	entry.raw.ResponseBody = rawBody(resp.Header.Get("Content-Type"), respBody, rec.maxBody())
	if readErr != nil {
		entry.Err = rec.Redactor.Text(fmt.Sprintf("read response body: %v", readErr))
	}
	sink(entry)
	return resp, nil
}

// maxBody is the display limit for bodies.
func (rec *Recorder) maxBody() int {
	if rec.MaxBody > 0 {
		return rec.MaxBody
	}
	return DefaultMaxBody
}

// captureRequestBody returns up to limit bytes of req's body and a request that still sends
// the whole body: through GetBody when the request has it, or else a clone whose body replays
// what was read followed by the rest.
func captureRequestBody(req *http.Request, limit int) ([]byte, *http.Request, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, req, nil
	}
	if req.GetBody != nil {
		copyBody, err := req.GetBody()
		if err == nil {
			defer copyBody.Close()
			b, err := io.ReadAll(io.LimitReader(copyBody, int64(limit)))
			if err == nil {
				return b, req, nil
			}
		}
	}
	b, err := io.ReadAll(io.LimitReader(req.Body, int64(limit)))
	if err != nil {
		req.Body.Close()
		return b, req, fmt.Errorf("read request body: %w", err)
	}
	clone := req.Clone(req.Context())
	clone.Body = &replayBody{Reader: io.MultiReader(bytes.NewReader(b), req.Body), closer: req.Body}
	return b, clone, nil
}

// captureResponseBody reads up to limit bytes of resp's body and puts back a body that replays
// them followed by the rest (and, if reading failed, by the same error).
func captureResponseBody(resp *http.Response, limit int) ([]byte, error) {
	if resp.Body == nil || resp.Body == http.NoBody {
		return nil, nil
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, int64(limit)))
	rest := io.Reader(resp.Body)
	if err != nil {
		rest = errReader{err}
	}
	resp.Body = &replayBody{Reader: io.MultiReader(bytes.NewReader(b), rest), closer: resp.Body}
	return b, err
}

// replayBody is a body that reads from Reader and closes the original body.
type replayBody struct {
	io.Reader
	closer io.Closer
}

// Close closes the original body.
func (b *replayBody) Close() error { return b.closer.Close() }

// errReader fails every read with err.
type errReader struct{ err error }

// Read returns the stored error.
func (e errReader) Read([]byte) (int, error) { return 0, e.err }
