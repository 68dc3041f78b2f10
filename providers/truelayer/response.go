package truelayer

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

// maxResponseBytes bounds every response body the client reads.
const maxResponseBytes = 10 << 20

// answer is a 2xx response, read in full.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// get sends a GET, authenticated when bearer is set, and returns a 2xx answer; any other
// answer becomes an *Error for op. A GET is a read: it is retried (package retry) on a server
// error, a rate limit, a dropped connection or a timeout.
func (c *Client) get(ctx context.Context, op, url, bearer string) (answer, error) {
	return c.do(ctx, op, http.MethodGet, url, bearer, nil)
}

// postJSON sends body as JSON, authenticated when bearer is set, and returns a 2xx answer. It
// is sent once: every POST of TrueLayer's the client makes changes something.
func (c *Client) postJSON(ctx context.Context, op, url, bearer string, body any) (answer, error) {
	return c.do(ctx, op, http.MethodPost, url, bearer, body)
}

// do sends a request (a JSON body when body is not nil) and returns a 2xx answer; any other
// answer becomes an *Error for op. Only a GET is retried.
func (c *Client) do(ctx context.Context, op, method, url, bearer string, body any) (answer, error) {
	var payload []byte
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return answer{}, fmt.Errorf("truelayer: %s: %w", op, err)
		}
		payload = b
	}
	attempt := func() (retry.Answer, error) { return c.send(ctx, method, url, bearer, body != nil, payload) }
	var r retry.Answer
	var err error
	if method == http.MethodGet {
		r, err = retry.Default.Do(ctx, "truelayer: "+op, attempt)
	} else {
		r, err = attempt()
	}
	if err != nil {
		return answer{}, fmt.Errorf("truelayer: %s: %w", op, err)
	}
	a := answer{status: r.Status, header: r.Header, body: r.Body}
	if len(a.body) > maxResponseBytes {
		return answer{}, a.malformed(op, fmt.Sprintf("response larger than %d bytes", maxResponseBytes))
	}
	if a.status < 200 || a.status > 299 {
		return answer{}, errorFromResponse(op, a.status, a.header, a.body)
	}
	return a, nil
}

// send makes one attempt and reads its body (up to one byte past the limit).
func (c *Client) send(ctx context.Context, method, url, bearer string, hasBody bool, payload []byte) (retry.Answer, error) {
	var rd io.Reader
	if hasBody {
		rd = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return retry.Answer{}, err
	}
	if hasBody {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
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

// decode unmarshals the answer's body into v; a body that does not fit is an *Error.
func (a answer) decode(op string, v any) error {
	if err := json.Unmarshal(a.body, v); err != nil {
		return a.malformed(op, "malformed response: "+err.Error())
	}
	return nil
}

// malformed is the *Error for an answer whose body cannot be used.
func (a answer) malformed(op, description string) *Error {
	return &Error{Status: a.status, Op: op, RequestID: requestID(a.header), Description: description}
}

// requestID returns the request id TrueLayer put in the headers, if any.
func requestID(h http.Header) string {
	if id := h.Get("X-Request-Id"); id != "" {
		return id
	}
	return h.Get("Tl-Request-Id")
}

// errorBody is every error shape TrueLayer is known to answer with: OAuth-style
// {"error","error_description"} and problem+json {"type","title","detail"}.
type errorBody struct {
	Error            json.RawMessage `json:"error"`
	ErrorDescription string          `json:"error_description"`
	Title            string          `json:"title"`
	Detail           string          `json:"detail"`
	Type             string          `json:"type"`
}

// problemCode is a problem+json type's last fragment or path segment, e.g. invalid-parameters.
func problemCode(typ string) string {
	if i := strings.LastIndexAny(typ, "#/"); i >= 0 {
		typ = typ[i+1:]
	}
	return typ
}

// errorFromResponse turns a non-2xx answer into an *Error, whatever its body.
func errorFromResponse(op string, status int, h http.Header, body []byte) *Error {
	e := &Error{Status: status, Op: op, RequestID: requestID(h)}
	e.Code, e.Description = parseErrorBody(h.Get("Content-Type"), body)
	return e
}

// parseErrorBody extracts a code and description from an error body, or describes the body
// when it carries none.
func parseErrorBody(contentType string, body []byte) (code, description string) {
	var eb errorBody
	if json.Unmarshal(body, &eb) == nil {
		code = errorCode(eb.Error)
		description = eb.ErrorDescription
		if code == "" {
			code = problemCode(eb.Type)
		}
		if description == "" {
			description = eb.Detail
		}
		if description == "" {
			description = eb.Title
		}
		if code != "" || description != "" {
			return code, description
		}
	}
	return "", "unexpected response: " + describeBody(contentType, body)
}

// errorCode reads "error" as a string, or as an object's "code".
func errorCode(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var obj struct {
		Code string `json:"code"`
	}
	if json.Unmarshal(raw, &obj) == nil {
		return obj.Code
	}
	return ""
}

// describeBody names a body's kind for an error message without quoting it.
func describeBody(contentType string, body []byte) string {
	if len(bytes.TrimSpace(body)) == 0 {
		return "empty body"
	}
	media, _, err := mime.ParseMediaType(contentType)
	if err != nil || media == "" {
		media = "untyped"
	}
	if strings.Contains(media, "json") {
		return "malformed " + media + " body"
	}
	return media + " body"
}
