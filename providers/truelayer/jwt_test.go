package truelayer

import (
	"encoding/base64"
	"errors"
	"testing"
)

func TestCredentialsID(t *testing.T) {
	enc := base64.RawURLEncoding.EncodeToString
	tests := []struct {
		name    string
		token   string
		want    string
		wantJWT bool // the error is ErrNotJWT
	}{
		{name: "sub of a JWT", token: makeJWT("6L7ZN8aXn2/j7ymN4zzSFP0XNBlMWGbnTcUzg6Ve92Q="), want: "6L7ZN8aXn2/j7ymN4zzSFP0XNBlMWGbnTcUzg6Ve92Q="},
		{name: "padded payload", token: "eyJhbGciOiJub25lIn0." + base64.URLEncoding.EncodeToString([]byte(`{"sub":"c1"}`)) + ".", want: "c1"},
		{name: "opaque token", token: "opaque-access-token", wantJWT: true},
		{name: "payload not base64", token: "a.b*c.d", wantJWT: true},
		{name: "payload not JSON", token: "a." + enc([]byte("not json")) + ".c", wantJWT: true},
		{name: "no sub", token: "a." + enc([]byte(`{"iss":"x"}`)) + ".c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CredentialsID(tt.token)
			if tt.want != "" {
				if err != nil || got != tt.want {
					t.Errorf("CredentialsID = %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("CredentialsID = %q, want an error", got)
			}
			if errors.Is(err, ErrNotJWT) != tt.wantJWT {
				t.Errorf("err = %v, ErrNotJWT %v", err, tt.wantJWT)
			}
		})
	}
}
