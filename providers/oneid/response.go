package oneid

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/linkstep/linkstep/providers/retry"
)

// maxResponseBytes bounds every response body the client reads (a PDF report included).
const maxResponseBytes = 20 << 20

// requestIDHeader carries OneID's id of a request, worth quoting to support.
const requestIDHeader = "X-Request-Id"

// answer is a 2xx response, read in full.
type answer struct {
	who    string // the provider, for errors: oneid or oidc
	op     string
	status int
	header http.Header
	body   []byte
}

// get sends a GET accepting accept, with a bearer token when set, and returns a 2xx answer; any
// other answer is an *Error for op. A GET is a read: it is retried (package retry) on a server
// error, a rate limit, a dropped connection or a timeout. (The token calls go through oauth2
// and are sent once.)
func get(ctx context.Context, hc *http.Client, who, op, url, bearer, accept string) (answer, error) {
	r, err := retry.Default.Do(ctx, who+": "+op, func() (retry.Answer, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return retry.Answer{}, err
		}
		req.Header.Set("Accept", accept)
		if bearer != "" {
			req.Header.Set("Authorization", "Bearer "+bearer)
		}
		resp, err := hc.Do(req)
		if err != nil {
			return retry.Answer{}, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
		if err != nil {
			return retry.Answer{}, fmt.Errorf("read response: %w", err)
		}
		return retry.Answer{Status: resp.StatusCode, Header: resp.Header, Body: b}, nil
	})
	if err != nil {
		return answer{}, fmt.Errorf("%s: %s: %w", who, op, err)
	}
	a := answer{who: who, op: op, status: r.Status, header: r.Header, body: r.Body}
	if len(a.body) > maxResponseBytes {
		return answer{}, a.malformed(op, fmt.Sprintf("response larger than %d bytes", maxResponseBytes))
	}
	if a.status < 200 || a.status > 299 {
		e := a.malformed(op, "")
		e.Code, e.Description = parseErrorBody(a.header.Get("Content-Type"), a.body)
		return answer{}, e
	}
	return a, nil
}

// requestID is the answer's request id.
func (a answer) requestID() string { return a.header.Get(requestIDHeader) }

// decode unmarshals the body into v; a body that does not fit is an *Error.
func (a answer) decode(op string, v any) error {
	if err := json.Unmarshal(a.body, v); err != nil {
		return a.malformed(op, "malformed response: "+err.Error())
	}
	return nil
}

// malformed is the *Error for an answer that cannot be used.
func (a answer) malformed(op, description string) *Error {
	return &Error{Provider: a.who, Op: op, Status: a.status, RequestID: a.requestID(), Description: description}
}

// parseErrorBody reads {"error", "error_description"} (or "message"), else names the body's kind.
func parseErrorBody(contentType string, body []byte) (code, description string) {
	var eb struct {
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
		Message          string `json:"message"`
	}
	if json.Unmarshal(body, &eb) == nil && (eb.Error != "" || eb.ErrorDescription != "" || eb.Message != "") {
		if eb.ErrorDescription == "" {
			eb.ErrorDescription = eb.Message
		}
		return eb.Error, eb.ErrorDescription
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return "", "unexpected response: empty body"
	}
	media, _, _ := mime.ParseMediaType(contentType)
	if media == "" {
		media = "untyped"
	}
	if strings.Contains(media, "json") {
		return "", "unexpected response: malformed " + media + " body"
	}
	return "", "unexpected response: " + media + " body"
}
