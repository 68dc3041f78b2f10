package ivy

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestCreateAnswersTheSession(t *testing.T) {
	e := newTestEnv(t, Config{})
	now := e.clock.Now()
	s := e.create(map[string]any{
		"locale":       "de-DE",
		"externalUser": map[string]any{"email": "jane@example.com", "phone": "+49 123 456", "metadata": map[string]any{"k": "v"}},
		"metadata":     map[string]any{"order": "42"},
		"prefill":      map[string]any{"bankId": "mock"},
	})
	id, _ := s["id"].(string)
	want := map[string]any{
		"referenceId": "ref-1", "redirectUrl": e.srv.URL + "/ivy/session/" + id, "status": "open",
		"createdAt": float64(now.Unix()), "updatedAt": float64(now.Unix()), "expiresAt": float64(now.Add(time.Hour).Unix()),
		"market": "DE", "locale": "de-DE", "disableBankSelection": false,
		"successCallbackUrl": testCallbackBase + "/success?state=" + testState,
	}
	for k, v := range want {
		if s[k] != v {
			t.Errorf("%s = %#v, want %#v", k, s[k], v)
		}
	}
	if len(id) != 24 || strings.Trim(id, "0123456789abcdef") != "" {
		t.Errorf("id %q is not 24 hex characters", id)
	}
	if perms, _ := s["permissions"].([]any); len(perms) != 3 || perms[0] != "identity" {
		t.Errorf("permissions = %v", s["permissions"])
	}
	user, _ := s["externalUser"].(map[string]any)
	if user["email"] != "jane@example.com" || user["phone"] != "+49 123 456" || user["metadata"].(map[string]any)["k"] != "v" {
		t.Errorf("externalUser = %v", s["externalUser"])
	}
	if s["prefill"].(map[string]any)["bankId"] != "mock" || s["metadata"].(map[string]any)["order"] != "42" {
		t.Errorf("prefill %v, metadata %v", s["prefill"], s["metadata"])
	}
	status, details := e.call(pathDetails, map[string]any{"id": id})
	if status != http.StatusOK || details["id"] != id || details["status"] != "open" || details["redirectUrl"] != s["redirectUrl"] {
		t.Fatalf("details: %d %v", status, details)
	}
}

func TestCreateValidates(t *testing.T) {
	e := newTestEnv(t, Config{})
	now := e.clock.Now()
	at := func(d time.Duration) int64 { return now.Add(d).Unix() }
	tests := []struct {
		name        string
		extra       map[string]any
		wantMessage string // "" means the session is created
	}{
		{"no referenceId", map[string]any{"referenceId": nil}, "referenceId is required"},
		{"an empty referenceId", map[string]any{"referenceId": "  "}, "referenceId is required"},
		{"a referenceId of 200 characters", map[string]any{"referenceId": strings.Repeat("r", 200)}, ""},
		{"a referenceId of 201 characters", map[string]any{"referenceId": strings.Repeat("r", 201)}, "referenceId is 201 characters long: at most 200"},
		{"no market", map[string]any{"market": nil}, "market is required"},
		{"a lower-case market", map[string]any{"market": "de"}, `market "de" must be an ISO 3166 country code in upper case`},
		{"three letters", map[string]any{"market": "DEU"}, `market "DEU" must be an ISO 3166`},
		{"a market Ivy does not serve", map[string]any{"market": "US"}, `market "US" is not served`},
		{"GB", map[string]any{"market": "GB"}, ""},
		{"a bad locale", map[string]any{"locale": "german"}, `locale "german"`},
		{"no permissions", map[string]any{"permissions": nil}, "permissions is required"},
		{"empty permissions", map[string]any{"permissions": []string{}}, "permissions is required"},
		{"an unknown permission", map[string]any{"permissions": []string{"identity", "payments"}}, `permissions: "payments" is not a permission`},
		{"every permission", map[string]any{"permissions": []string{"identity", "accounts", "balances", "transactions"}}, ""},
		{"a bad email", map[string]any{"externalUser": map[string]any{"email": "jane"}}, `externalUser.email "jane" is not an email address`},
		{"a name with the email", map[string]any{"externalUser": map[string]any{"email": "Jane <jane@example.com>"}}, "externalUser.email"},
		{"a bad phone", map[string]any{"externalUser": map[string]any{"phone": "call me"}}, `externalUser.phone "call me"`},
		{"metadata that is not an object", map[string]any{"metadata": []string{"a"}}, "metadata must be an object"},
		{"user metadata that is not an object", map[string]any{"externalUser": map[string]any{"metadata": "x"}}, "externalUser.metadata must be an object"},
		{"an unknown bank", map[string]any{"prefill": map[string]any{"bankId": "ob-monzo"}}, `prefill.bankId "ob-monzo" is not a bank`},
		{"no bank selection without a bank", map[string]any{"disableBankSelection": true}, "disableBankSelection needs prefill.bankId"},
		{"a relative callback", map[string]any{"successCallbackUrl": "/back"}, `successCallbackUrl "/back" must be an absolute http or https URL`},
		{"a custom scheme", map[string]any{"errorCallbackUrl": "myapp://back"}, "errorCallbackUrl"},
		{"a result callback with credentials", map[string]any{"resultCallbackUrl": "http://u:p@127.0.0.1/r"}, "resultCallbackUrl"},
		{"expiresAt 29 minutes ahead", map[string]any{"expiresAt": at(29 * time.Minute)}, "must be 30 minutes to 24 hours from now"},
		{"expiresAt 30 minutes ahead", map[string]any{"expiresAt": at(30 * time.Minute)}, ""},
		{"expiresAt 24 hours ahead", map[string]any{"expiresAt": at(24 * time.Hour)}, ""},
		{"expiresAt 25 hours ahead", map[string]any{"expiresAt": at(25 * time.Hour)}, "must be 30 minutes to 24 hours from now"},
		{"expiresAt in the past", map[string]any{"expiresAt": at(-time.Hour)}, "expiresAt"},
		{"expiresAt in milliseconds", map[string]any{"expiresAt": now.Add(time.Hour).UnixMilli()}, "must be 30 minutes to 24 hours"},
		{"expiresAt with a fraction", map[string]any{"expiresAt": 1.5}, "must be whole epoch seconds"},
		{"expiresAt as a word", map[string]any{"expiresAt": "soon"}, "expiresAt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := e.call(pathCreate, e.createBody(tt.extra))
			if tt.wantMessage == "" {
				if status != http.StatusOK || body["status"] != "open" {
					t.Fatalf("got %d %v; want the session", status, body)
				}
				return
			}
			if status != http.StatusBadRequest || errorCode(body) != codeValidation || !strings.Contains(errorMessage(body), tt.wantMessage) {
				t.Fatalf("got %d %v; want 400 saying %q", status, body, tt.wantMessage)
			}
		})
	}
}

func TestCreateKeepsAsked(t *testing.T) {
	e := newTestEnv(t, Config{})
	now := e.clock.Now()
	tests := []struct {
		name  string
		extra map[string]any
		check func(s map[string]any) bool
	}{
		{"expiresAt as given", map[string]any{"expiresAt": now.Add(2 * time.Hour).Unix()},
			func(s map[string]any) bool { return s["expiresAt"] == float64(now.Add(2*time.Hour).Unix()) }},
		{"permissions once each", map[string]any{"permissions": []string{"accounts", "accounts", "identity"}},
			func(s map[string]any) bool { p := s["permissions"].([]any); return len(p) == 2 && p[0] == "accounts" }},
		{"the locale en by default", nil, func(s map[string]any) bool { return s["locale"] == "en" }},
		{"no external user", map[string]any{"externalUser": nil}, func(s map[string]any) bool { return s["externalUser"] == nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if s := e.create(tt.extra); !tt.check(s) {
				t.Fatalf("session %v", s)
			}
		})
	}
}

func TestCreateRefusesADuplicateReferenceID(t *testing.T) {
	e := newTestEnv(t, Config{})
	first := e.create(map[string]any{"referenceId": "order-7"})
	status, body := e.call(pathCreate, e.createBody(map[string]any{"referenceId": "order-7"}))
	if status != http.StatusBadRequest || errorCode(body) != codeValidation ||
		!strings.Contains(errorMessage(body), `referenceId "order-7" is already used by data session `+first["id"].(string)) {
		t.Fatalf("got %d %v", status, body)
	}
	if status, _ := e.call(pathCreate, e.createBody(map[string]any{"referenceId": "order-8"})); status != http.StatusOK {
		t.Fatalf("another referenceId: %d", status)
	}
}

func TestStepString(t *testing.T) {
	for s, want := range map[step]string{stepBank: "bank", stepLogin: "login", stepConsent: "consent", step(7): "step(7)"} {
		if s.String() != want {
			t.Errorf("%d.String() = %q, want %q", int(s), s.String(), want)
		}
	}
}
