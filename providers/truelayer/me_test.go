package truelayer

import (
	"context"
	"net/http"
	"testing"
	"time"
)

func TestMe(t *testing.T) {
	tests := []struct {
		name        string
		body        []byte
		wantExpires time.Time
		wantErr     string
	}{
		{name: "envelope from the docs", body: fixture(t, "me.json"), wantExpires: time.Date(2024, 7, 30, 10, 0, 0, 0, time.UTC)},
		{name: "timestamp without zone", body: []byte(`{"results":[{"credentials_id":"c","consent_expires_at":"2024-07-30T10:00:00"}],"status":"Succeeded"}`),
			wantExpires: time.Date(2024, 7, 30, 10, 0, 0, 0, time.UTC)},
		{name: "no results", body: []byte(`{"results":[],"status":"Succeeded"}`), wantErr: "no results"},
		{name: "bad timestamp", body: []byte(`{"results":[{"consent_expires_at":"soon"}]}`), wantErr: "malformed response"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/data/v1/me" {
					http.NotFound(w, r)
					return
				}
				if got := r.Header.Get("Authorization"); got != "Bearer the-token" {
					t.Errorf("Authorization = %q", got)
				}
				answerWith(http.StatusOK, "application/json", tt.body)(w, r)
			})
			c, _ := newTestClient(t, nil, api)
			me, err := c.Me(context.Background(), "the-token")
			if tt.wantErr != "" {
				checkError(t, err, "me", errorCase{status: http.StatusOK, wantDesc: tt.wantErr})
				return
			}
			if err != nil {
				t.Fatalf("Me: %v", err)
			}
			if !me.ConsentExpiresAt.Equal(tt.wantExpires) {
				t.Errorf("ConsentExpiresAt = %v, want %v", me.ConsentExpiresAt, tt.wantExpires)
			}
			if tt.name == "envelope from the docs" {
				if me.ClientID != "sandbox-linkstep-4f1c2e" || me.CredentialsID != "6L7ZN8aXn2/j7ymN4zzSFP0XNBlMWGbnTcUzg6Ve92Q=" ||
					me.Provider.ProviderID != "mock" || me.Provider.DisplayName != "Mock" || me.Provider.LogoURI == "" ||
					!me.ConsentCreatedAt.Equal(time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)) {
					t.Errorf("me = %+v", me)
				}
			}
		})
	}
}
