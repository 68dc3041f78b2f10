package retry

import (
	"bytes"
	"io"
	"net/http"
)

// maxTransportBody bounds the body Transport holds in memory per answer.
const maxTransportBody = 10 << 20

// Reads returns a RoundTripper that retries GETs through base (nil: http.DefaultTransport) as
// the policy says, for libraries that make their own reads (e.g. fetching an OpenID
// provider's keys); any other method goes through once. op names the calls for observers.
func (p Policy) Reads(base http.RoundTripper, op string) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &readsTransport{base: base, policy: p, op: op}
}

type readsTransport struct {
	base   http.RoundTripper
	policy Policy
	op     string
}

// RoundTrip sends a GET until the policy stops, each attempt's body read in full.
func (t *readsTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet || req.Body != nil && req.Body != http.NoBody {
		return t.base.RoundTrip(req)
	}
	var last *http.Response
	a, err := t.policy.Do(req.Context(), t.op, func() (Answer, error) {
		resp, err := t.base.RoundTrip(req.Clone(req.Context()))
		if err != nil {
			return Answer{}, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(io.LimitReader(resp.Body, maxTransportBody))
		if err != nil {
			return Answer{}, err
		}
		last = resp
		return Answer{Status: resp.StatusCode, Header: resp.Header, Body: b}, nil
	})
	if err != nil {
		return nil, err
	}
	last.Body = io.NopCloser(bytes.NewReader(a.Body))
	last.ContentLength = int64(len(a.Body))
	return last, nil
}
