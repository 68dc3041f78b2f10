package ivy_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/linkstep/linkstep/providers/ivy"
)

// fakeIvy answers each path with a canned body and records what it was sent.
type fakeIvy struct {
	answers map[string]string // path → body (200)
	status  int               // when non-zero, every answer has it
	got     map[string]map[string]any
	keys    []string
}

func newFake(t *testing.T, f *fakeIvy) *ivy.Client {
	t.Helper()
	f.got = map[string]map[string]any{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("%s %s with %q: every call is a JSON POST", r.Method, r.URL.Path, r.Header.Get("Content-Type"))
		}
		f.keys = append(f.keys, r.Header.Get(ivy.APIKeyHeader))
		body, _ := io.ReadAll(r.Body)
		var m map[string]any
		_ = json.Unmarshal(body, &m)
		f.got[r.URL.Path] = m
		w.Header().Set("Content-Type", "application/json")
		if f.status != 0 {
			w.WriteHeader(f.status)
		}
		_, _ = io.WriteString(w, f.answers[r.URL.Path])
	}))
	t.Cleanup(srv.Close)
	return ivy.New(srv.URL, "key-123", srv.Client())
}

func TestCreateAndReadSession(t *testing.T) {
	f := &fakeIvy{answers: map[string]string{
		"/api/service/data/session/create":        `{"id":"ds-1","referenceId":"ref-1","redirectUrl":"https://bank/x","status":"open","market":"DE"}`,
		"/api/service/data/session/details":       `{"id":"ds-1","status":"closed"}`,
		"/api/service/data/accounts/list":         `{"accounts":[{"id":"a1","bankName":"Mock","currency":"EUR","accountName":"Giro","financialAddress":[{"type":"iban","iban":{"iban":"DE89370400440532013000","bic":"COBADEFFXXX","accountHolderName":"Jane"}}]}]}`,
		"/api/service/data/account-balances/list": `{"balances":[{"accountId":"a1","available":"12.34","current":"12.34","currency":"EUR"}]}`,
		"/api/service/data/consent/details":       `{"status":"authorised","permissions":["identity"]}`,
	}}
	c := newFake(t, f)
	s, err := c.CreateSession(t.Context(), ivy.SessionRequest{ReferenceID: "ref-1", Market: "DE", Permissions: []string{"identity"},
		ExternalUser: &ivy.ExternalUser{Email: "jane@example.com"}, SuccessCallbackURL: "http://127.0.0.1:1/s"})
	if err != nil || s.RedirectURL != "https://bank/x" || len(s.Raw) == 0 {
		t.Fatalf("CreateSession = %+v, %v", s, err)
	}
	sent := f.got["/api/service/data/session/create"]
	if sent["referenceId"] != "ref-1" || sent["externalUser"].(map[string]any)["email"] != "jane@example.com" || sent["successCallbackUrl"] != "http://127.0.0.1:1/s" {
		t.Fatalf("create body = %v", sent)
	}
	if d, err := c.SessionDetails(t.Context(), "ds-1"); err != nil || d.Status != "closed" || f.got["/api/service/data/session/details"]["id"] != "ds-1" {
		t.Fatalf("SessionDetails = %+v, %v", d, err)
	}
	accs, err := c.ListAccounts(t.Context(), "ds-1")
	if err != nil || len(accs.Accounts) != 1 || accs.Accounts[0].FinancialAddress[0].IBAN.IBAN != "DE89370400440532013000" {
		t.Fatalf("ListAccounts = %+v, %v", accs, err)
	}
	if b, err := c.ListBalances(t.Context(), "ds-1"); err != nil || b.Balances[0].Available != "12.34" {
		t.Fatalf("ListBalances = %+v, %v", b, err)
	}
	if cs, err := c.ConsentDetails(t.Context(), "ds-1"); err != nil || cs.Status != "authorised" {
		t.Fatalf("ConsentDetails = %+v, %v", cs, err)
	}
	for _, k := range f.keys {
		if k != "key-123" {
			t.Fatalf("a call carried API key %q", k)
		}
	}
}

func TestListSessionsNeedsExactlyOneIdentifier(t *testing.T) {
	f := &fakeIvy{answers: map[string]string{"/api/service/data/session/list": `{"dataSessions":[]}`}}
	c := newFake(t, f)
	for _, k := range []ivy.UserKey{{}, {Email: "a@b.c", Phone: "+49"}} {
		if _, err := c.ListSessions(t.Context(), k); !ivy.IsOneIdentifier(err) {
			t.Fatalf("ListSessions(%+v) = %v, want ErrOneIdentifier", k, err)
		}
	}
	got, err := c.ListSessions(t.Context(), ivy.UserKey{Phone: "+49123"})
	if err != nil || got.Sessions == nil && len(got.Raw) == 0 || f.got["/api/service/data/session/list"]["externalUserPhone"] != "+49123" {
		t.Fatalf("ListSessions = %+v, %v (sent %v)", got, err, f.got)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, body string
		status     int
		wantCode   string
		wantDesc   string
	}{
		{name: "code and message", status: 400, body: `{"code":"VALIDATION_ERROR","message":"referenceId must be unique"}`, wantCode: "VALIDATION_ERROR", wantDesc: "unique"},
		{name: "nested error", status: 400, body: `{"error":{"code":"bad","message":"why"}}`, wantCode: "bad", wantDesc: "why"},
		{name: "bare 401", status: 401, body: ``, wantCode: "unauthorized", wantDesc: "empty body"},
		{name: "html 502", status: 502, body: `<html>bad gateway</html>`, wantCode: "provider_error", wantDesc: "body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newFake(t, &fakeIvy{status: tt.status, answers: map[string]string{"/api/service/data/session/details": tt.body}})
			_, err := c.SessionDetails(t.Context(), "x")
			var e *ivy.Error
			if !errors.As(err, &e) || e.ErrorCode() != tt.wantCode || !strings.Contains(e.Description, tt.wantDesc) || e.Status != tt.status {
				t.Fatalf("err = %#v", err)
			}
			if e.IsRetryable() != (tt.status >= 500) {
				t.Fatalf("retryable = %v for %d", e.IsRetryable(), tt.status)
			}
		})
	}
}

func TestVerifyWebhook(t *testing.T) {
	body := []byte(`{"type":"data_session_completed","payload":{"id":"ds-1"}}`)
	sig := ivy.Sign(body, "whsec")
	if w, err := ivy.VerifyWebhook(body, sig, "whsec"); err != nil || w.Type != ivy.EventSessionCompleted {
		t.Fatalf("VerifyWebhook = %+v, %v", w, err)
	}
	for name, tc := range map[string]struct{ body, sig, secret string }{
		"wrong signature": {string(body), ivy.Sign(body, "other"), "whsec"},
		"tampered body":   {strings.Replace(string(body), "ds-1", "ds-2", 1), sig, "whsec"},
		"no signature":    {string(body), "", "whsec"},
		"no secret":       {string(body), sig, ""},
		"not a webhook":   {`{}`, ivy.Sign([]byte(`{}`), "whsec"), "whsec"},
	} {
		if _, err := ivy.VerifyWebhook([]byte(tc.body), tc.sig, tc.secret); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
