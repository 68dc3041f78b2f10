package kit

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestWriteJSON(t *testing.T) {
	tests := []struct {
		name          string
		write         func(w http.ResponseWriter)
		wantStatus    int
		wantBody      string
		wantChallenge string
	}{
		{"an answer", func(w http.ResponseWriter) { WriteJSON(w, http.StatusOK, map[string]int{"a": 1}) }, 200, "{\"a\":1}\n", ""},
		{"an error", func(w http.ResponseWriter) {
			WriteError(w, http.StatusForbidden, map[string]string{"error": "access_denied"})
		}, 403, "{\"error\":\"access_denied\"}\n", ""},
		{"a 401 with its challenge", func(w http.ResponseWriter) {
			BearerChallenge(w, "invalid_token")
			WriteError(w, http.StatusUnauthorized, map[string]string{"error": "invalid_token"})
		}, 401, "{\"error\":\"invalid_token\"}\n", `Bearer error="invalid_token"`},
		{"a value JSON cannot encode", func(w http.ResponseWriter) { WriteJSON(w, http.StatusOK, func() {}) }, 500, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			tt.write(rec)
			if rec.Code != tt.wantStatus || (tt.wantBody != "" && rec.Body.String() != tt.wantBody) {
				t.Fatalf("got %d %q", rec.Code, rec.Body)
			}
			if tt.wantBody != "" && (rec.Header().Get("Content-Type") != "application/json; charset=utf-8" ||
				rec.Header().Get("Cache-Control") != "no-store") {
				t.Errorf("headers %v", rec.Header())
			}
			if got := rec.Header().Get("WWW-Authenticate"); got != tt.wantChallenge {
				t.Errorf("WWW-Authenticate %q, want %q", got, tt.wantChallenge)
			}
		})
	}
}
