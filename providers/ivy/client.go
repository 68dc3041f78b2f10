package ivy

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/linkstep/linkstep/providers/retry"
)

// defaultTimeout bounds every call when New is given no *http.Client.
const defaultTimeout = 30 * time.Second

// maxResponseBytes bounds every response body the client reads.
const maxResponseBytes = 10 << 20

// Client calls Ivy's data API of one environment with one API key.
type Client struct {
	host   string
	apiKey string
	hc     *http.Client
}

// New returns a client for host that makes every request through hc (nil: a client with a
// 30 s timeout) and authenticates with apiKey.
func New(host, apiKey string, hc *http.Client) *Client {
	if hc == nil {
		hc = &http.Client{Timeout: defaultTimeout}
	}
	return &Client{host: strings.TrimRight(host, "/"), apiKey: apiKey, hc: hc}
}

// Host returns the base URL the client talks to.
func (c *Client) Host() string { return c.host }

// Error is an error answer from Ivy, or an answer that could not be used.
type Error struct {
	Op          string // e.g. "create session"
	Status      int
	Code        string // Ivy's error code, when the body carried one
	Description string
}

// Error reads "ivy: <op>: <code>: <description> (HTTP <status>)".
func (e *Error) Error() string {
	s := "ivy: " + e.Op + ": "
	switch {
	case e.Code != "" && e.Description != "":
		s += e.Code + ": " + e.Description
	case e.Code != "":
		s += e.Code
	case e.Description != "":
		s += e.Description
	default:
		s += http.StatusText(e.Status)
	}
	if e.Status != 0 {
		s += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	return s
}

// ErrorCode returns the error code, or one named after the HTTP status.
func (e *Error) ErrorCode() string {
	switch {
	case e.Code != "":
		return e.Code
	case e.Status == http.StatusUnauthorized:
		return "unauthorized"
	case e.Status == http.StatusBadRequest:
		return "invalid_request"
	case e.Status == http.StatusNotFound:
		return "not_found"
	}
	return "provider_error"
}

// ErrorDescription returns the description.
func (e *Error) ErrorDescription() string { return e.Description }

// IsRetryable reports whether the same call may work later: server errors and rate limits.
func (e *Error) IsRetryable() bool {
	return e.Status >= 500 || e.Status == http.StatusTooManyRequests
}

// readOnly are the calls whose POST only reads: they are retried (package retry) on a server
// error, a rate limit, a dropped connection or a timeout. Creating a session and revoking a
// consent are sent once.
var readOnly = map[string]bool{pathDetails: true, pathList: true, pathAccounts: true, pathBalances: true, pathConsent: true}

// post sends body as JSON to path and decodes a 2xx answer into out; any other answer is an
// *Error for op.
func (c *Client) post(ctx context.Context, op, path string, body, out any) error {
	payload, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("ivy: %s: %w", op, err)
	}
	attempt := func() (retry.Answer, error) { return c.send(ctx, path, payload) }
	var r retry.Answer
	if readOnly[path] {
		r, err = retry.Default.Do(ctx, "ivy: "+op, attempt)
	} else {
		r, err = attempt()
	}
	if err != nil {
		return fmt.Errorf("ivy: %s: %w", op, err)
	}
	if len(r.Body) > maxResponseBytes {
		return &Error{Op: op, Status: r.Status, Description: fmt.Sprintf("response larger than %d bytes", maxResponseBytes)}
	}
	if r.Status < 200 || r.Status > 299 {
		e := &Error{Op: op, Status: r.Status}
		e.Code, e.Description = parseErrorBody(r.Header.Get("Content-Type"), r.Body)
		return e
	}
	if err := json.Unmarshal(r.Body, out); err != nil {
		return &Error{Op: op, Status: r.Status, Description: "malformed response: " + err.Error()}
	}
	return nil
}

// send makes one attempt and reads its body (up to one byte past the limit).
func (c *Client) send(ctx context.Context, path string, payload []byte) (retry.Answer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.host+path, bytes.NewReader(payload))
	if err != nil {
		return retry.Answer{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set(APIKeyHeader, c.apiKey)
	resp, err := c.hc.Do(req)
	if err != nil {
		return retry.Answer{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return retry.Answer{}, fmt.Errorf("read response: %w", err)
	}
	return retry.Answer{Status: resp.StatusCode, Header: resp.Header, Body: b}, nil
}

// parseErrorBody reads the error shapes Ivy is seen to use ({"code","message"},
// {"error","message"}, {"error": {"code","message"}}), else names the body's kind.
func parseErrorBody(contentType string, body []byte) (code, description string) {
	var eb struct {
		Code    string          `json:"code"`
		Message string          `json:"message"`
		Error   json.RawMessage `json:"error"`
		Details string          `json:"details"`
	}
	if json.Unmarshal(body, &eb) == nil {
		code, description = eb.Code, eb.Message
		var s string
		var obj struct{ Code, Message string }
		switch {
		case json.Unmarshal(eb.Error, &s) == nil && s != "":
			if code == "" {
				code = s
			}
		case json.Unmarshal(eb.Error, &obj) == nil:
			if code == "" {
				code = obj.Code
			}
			if description == "" {
				description = obj.Message
			}
		}
		if description == "" {
			description = eb.Details
		}
		if code != "" || description != "" {
			return code, description
		}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return "", "unexpected response: empty body"
	}
	media, _, _ := mime.ParseMediaType(contentType)
	if media == "" {
		media = "untyped"
	}
	return "", "unexpected response: " + media + " body"
}
