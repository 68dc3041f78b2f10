package truelayer

import (
	"context"
	"net/http"
	"testing"
)

func TestProviders(t *testing.T) {
	bare := fixture(t, "providers.json")
	tests := []struct {
		name    string
		body    []byte
		wantIDs []string
	}{
		{"bare array as documented", bare, []string{"mock", "ob-monzo"}},
		{"results envelope tolerated", []byte(`{"results":` + string(bare) + `,"status":"Succeeded"}`), []string{"mock", "ob-monzo"}},
		{"empty array", []byte(`[]`), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			auth := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method != http.MethodGet || r.URL.Path != "/api/providers" {
					http.NotFound(w, r)
					return
				}
				if got := r.URL.Query().Get("client_id"); got != testCreds.ClientID {
					t.Errorf("client_id = %q", got)
				}
				if h := r.Header.Get("Authorization"); h != "" {
					t.Errorf("Authorization = %q, want none", h)
				}
				answerWith(http.StatusOK, "application/json", tt.body)(w, r)
			})
			c, _ := newTestClient(t, auth, nil)
			got, err := c.Providers(context.Background())
			if err != nil {
				t.Fatalf("Providers: %v", err)
			}
			if got == nil || len(got) != len(tt.wantIDs) {
				t.Fatalf("got %+v, want ids %v", got, tt.wantIDs)
			}
			for i, p := range got {
				if p.ID != tt.wantIDs[i] {
					t.Errorf("provider %d id = %q, want %q", i, p.ID, tt.wantIDs[i])
				}
			}
			if len(got) > 0 {
				mock := got[0]
				if mock.DisplayName != "Mock" || mock.Country != "uk" || mock.LogoURL == "" || len(mock.Scopes) != 5 {
					t.Errorf("mock = %+v", mock)
				}
			}
		})
	}
}
