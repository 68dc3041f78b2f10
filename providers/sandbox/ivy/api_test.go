package ivy

import (
	"net/http"
	"strings"
	"testing"
)

// TestAPIKeyIsRequired checks that every call wants the configured key in X-Ivy-Api-Key and
// answers a JSON 401 otherwise.
func TestAPIKeyIsRequired(t *testing.T) {
	e := newTestEnv(t, Config{})
	paths := []string{pathCreate, pathDetails, pathList, pathAccounts, pathBalances, pathConsent, pathConsentRevoke}
	tests := []struct {
		name, key   string
		wantMessage string
	}{
		{"no key", "", "is missing"},
		{"a wrong key", "nope", "does not carry"},
		{"the key with a suffix", testAPIKey + "x", "does not carry"},
	}
	for _, path := range paths {
		for _, tt := range tests {
			t.Run(path+"/"+tt.name, func(t *testing.T) {
				status, body := e.callWithKey(path, tt.key, map[string]any{})
				if status != http.StatusUnauthorized || errorCode(body) != codeUnauthorized ||
					!strings.Contains(errorMessage(body), tt.wantMessage) {
					t.Fatalf("got %d %v", status, body)
				}
			})
		}
		t.Run(path+"/the key", func(t *testing.T) {
			if status, body := e.call(path, map[string]any{}); status == http.StatusUnauthorized {
				t.Fatalf("the right key was refused: %v", body)
			}
		})
	}
}

func TestAPIRequests(t *testing.T) {
	e := newTestEnv(t, Config{})
	tests := []struct {
		name, method, path string
		body               string
		wantStatus         int
		wantCode           string
		wantMessage        string
	}{
		{"a GET", http.MethodGet, pathDetails, "", 405, codeMethodNotAllowed, "every call of Ivy's API is a POST"},
		{"no body", http.MethodPost, pathDetails, "", 400, codeValidation, "must be a JSON object"},
		{"an array", http.MethodPost, pathDetails, `[1]`, 400, codeValidation, "must be a JSON object"},
		{"broken JSON", http.MethodPost, pathDetails, `{"id": `, 400, codeValidation, "not valid JSON"},
		{"a number for a string", http.MethodPost, pathCreate, `{"referenceId": 12}`, 400, codeValidation, "referenceId must be a string, not a number."},
		{"a string for an array", http.MethodPost, pathCreate, `{"referenceId": "r", "permissions": "identity"}`, 400, codeValidation,
			"permissions must be an array of strings, not a string."},
		{"a nested field", http.MethodPost, pathCreate, `{"referenceId": "r", "externalUser": {"email": true}}`, 400, codeValidation,
			"externalUser.email must be a string, not a bool."},
		{"details without id", http.MethodPost, pathDetails, `{}`, 400, codeValidation, "id is required"},
		{"accounts without sessionId", http.MethodPost, pathAccounts, `{"id": "x"}`, 400, codeValidation, "sessionId is required"},
		{"an unknown session", http.MethodPost, pathDetails, `{"id": "nope"}`, 404, codeNotFound, `no data session "nope"`},
		{"an unknown path", http.MethodPost, "/api/service/data/nothing", `{}`, 404, codeNotFound, "not an endpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, e.api+tt.path, strings.NewReader(tt.body))
			req.Header.Set(apiKeyHeader, testAPIKey)
			status, body := e.do(req)
			if status != tt.wantStatus || errorCode(body) != tt.wantCode || !strings.Contains(errorMessage(body), tt.wantMessage) {
				t.Fatalf("got %d %v; want %d %s saying %q", status, body, tt.wantStatus, tt.wantCode, tt.wantMessage)
			}
		})
	}
}
