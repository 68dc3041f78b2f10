package truelayer

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// errorCase is an error answer and what the client should make of it.
type errorCase struct {
	name        string
	status      int
	contentType string
	body        []byte
	headers     []string
	wantCode    string
	wantDesc    string // substring of the description
	wantID      string
	retryable   bool
}

// checkError asserts err is an *Error matching tt for op.
func checkError(t *testing.T, err error, op string, tt errorCase) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %#v (%v), want *Error", err, err)
	}
	if e.Op != op || e.Status != tt.status || e.Code != tt.wantCode || !strings.Contains(e.Description, tt.wantDesc) || e.RequestID != tt.wantID {
		t.Errorf("got %+v", *e)
	}
	if e.ErrorCode() != e.Code || e.ErrorDescription() != e.Description {
		t.Error("ErrorCode/ErrorDescription disagree with the fields")
	}
	if e.IsRetryable() != tt.retryable {
		t.Errorf("IsRetryable = %v, want %v", e.IsRetryable(), tt.retryable)
	}
	if !strings.HasPrefix(err.Error(), "truelayer: "+op+": ") {
		t.Errorf("Error() = %q", err.Error())
	}
}

func TestTokenErrors(t *testing.T) {
	html := fixture(t, "bad_gateway.html")
	tests := []errorCase{
		{name: "invalid_grant", status: 400, contentType: "application/json",
			body:     []byte(`{"error":"invalid_grant","error_description":"The code has expired"}`),
			headers:  []string{"X-Request-Id", "req-1"},
			wantCode: "invalid_grant", wantDesc: "The code has expired", wantID: "req-1"},
		{name: "invalid_client", status: 400, contentType: "application/json",
			body: []byte(`{"error":"invalid_client"}`), wantCode: "invalid_client"},
		{name: "invalid_authorization_code", status: 400, contentType: "application/json; charset=utf-8",
			body: []byte(`{"error":"invalid_authorization_code","error_description":"reused"}`), wantCode: "invalid_authorization_code", wantDesc: "reused"},
		{name: "500 HTML body", status: 500, contentType: "text/html", body: html,
			headers:  []string{"Tl-Request-Id", "tl-2"},
			wantDesc: "unexpected response: text/html body", wantID: "tl-2", retryable: true},
		{name: "malformed JSON", status: 400, contentType: "application/json",
			body: []byte(`{"error": "invalid_gr`), wantDesc: "unexpected response: malformed application/json body"},
		{name: "empty 503", status: 503, wantDesc: "unexpected response: empty body", retryable: true},
		{name: "error in a 200", status: 200, contentType: "application/json",
			body: []byte(`{"error":"internal_error","error_description":"try later"}`), wantCode: "internal_error", wantDesc: "try later", retryable: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newTestClient(t, answerWith(tt.status, tt.contentType, tt.body, tt.headers...), nil)
			_, err := c.Exchange(context.Background(), "code", "http://127.0.0.1/cb", "")
			checkError(t, err, "exchange code", tt)
		})
	}
}

func TestDataErrors(t *testing.T) {
	html := fixture(t, "bad_gateway.html")
	tests := []errorCase{
		{name: "401 invalid_token", status: 401, contentType: "application/json",
			body: []byte(`{"error":"invalid_token","error_description":"Invalid access token."}`), wantCode: "invalid_token", wantDesc: "Invalid access token."},
		{name: "403 access_denied", status: 403, contentType: "application/json",
			body: []byte(`{"error":"access_denied","error_description":"Consent expired"}`), wantCode: "access_denied", wantDesc: "Consent expired"},
		{name: "provider_error", status: 501, contentType: "application/json",
			body: []byte(`{"error":"provider_error","error_description":"bank down","error_details":{}}`), wantCode: "provider_error", wantDesc: "bank down", retryable: true},
		{name: "internal_error", status: 500, contentType: "application/json",
			body: []byte(`{"error":"internal_error"}`), wantCode: "internal_error", retryable: true},
		{name: "temporarily locked", status: 400, contentType: "application/json",
			body: []byte(`{"error":"account_temporarily_locked","error_description":"locked"}`), wantCode: "account_temporarily_locked", wantDesc: "locked", retryable: true},
		{name: "permanently locked", status: 400, contentType: "application/json",
			body: []byte(`{"error":"account_permanently_locked","error_description":"locked"}`), wantCode: "account_permanently_locked", wantDesc: "locked"},
		{name: "validation_error", status: 400, contentType: "application/json",
			body: []byte(`{"error":"validation_error","error_description":"bad account_id"}`), wantCode: "validation_error", wantDesc: "bad account_id"},
		{name: "429 without body", status: 429, wantDesc: "unexpected response: empty body", retryable: true},
		{name: "502 HTML", status: 502, contentType: "text/html; charset=utf-8", body: html,
			headers: []string{"X-Request-Id", "req-3"}, wantDesc: "unexpected response: text/html body", wantID: "req-3", retryable: true},
		{name: "problem+json", status: 400, contentType: "application/problem+json",
			body:     []byte(`{"type":"https://docs.truelayer.com/errors#invalid_parameters","title":"Invalid Parameters","detail":"account_id is invalid"}`),
			wantCode: "invalid_parameters", wantDesc: "account_id is invalid"},
		{name: "2xx malformed JSON", status: 200, contentType: "application/json",
			body: []byte(`{"title": "Mr", "first_name": `), wantDesc: "malformed response"},
		{name: "2xx wrong shape", status: 200, contentType: "application/json",
			body: []byte(`{"unrelated": true}`), wantDesc: "neither an identity nor multiple_accounts_linked"},
		{name: "2xx unknown result", status: 200, contentType: "application/json",
			body: []byte(`{"result": "something_new", "detail": "later"}`), wantDesc: "unexpected result something_new"},
		{name: "2xx multiple without accounts", status: 200, contentType: "application/json",
			body: []byte(`{"result": "multiple_accounts_linked"}`), wantDesc: "without accounts"},
		{name: "2xx array", status: 200, contentType: "application/json", body: []byte(`[1,2]`), wantDesc: "malformed response"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newTestClient(t, nil, answerWith(tt.status, tt.contentType, tt.body, tt.headers...))
			_, err := c.SignupPlusAccounts(context.Background(), "token", "")
			checkError(t, err, "signup-plus accounts", tt)
		})
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"code and description", &Error{Op: "exchange code", Status: 400, Code: "invalid_grant", Description: "expired"},
			"truelayer: exchange code: invalid_grant: expired (HTTP 400)"},
		{"code only", &Error{Op: "me", Status: 401, Code: "invalid_token"}, "truelayer: me: invalid_token (HTTP 401)"},
		{"description only", &Error{Op: "me", Status: 502, Description: "unexpected response: text/html body"},
			"truelayer: me: unexpected response: text/html body (HTTP 502)"},
		{"nothing", &Error{Op: "me", Status: 503}, "truelayer: me: Service Unavailable (HTTP 503)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTransportErrorIsWrapped(t *testing.T) {
	c, _ := newTestClient(t, nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Me(ctx, "token")
	if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "truelayer: me: ") {
		t.Errorf("err = %v, want a wrapped context.Canceled", err)
	}
	var e *Error
	if errors.As(err, &e) {
		t.Error("a transport failure is not a TrueLayer answer")
	}
}
