package kit

import (
	"crypto/tls"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestRandom(t *testing.T) {
	tests := []struct {
		name string
		gen  func() string
		form *regexp.Regexp
	}{
		{"hex", func() string { return RandomHex(32) }, regexp.MustCompile(`^[0-9a-f]{64}$`)},
		{"token", func() string { return RandomToken(16) }, regexp.MustCompile(`^[A-Za-z0-9_-]{22}$`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := tt.gen(), tt.gen()
			if !tt.form.MatchString(a) || a == b {
				t.Fatalf("got %q and %q", a, b)
			}
		})
	}
}

func TestClock(t *testing.T) {
	fixed := time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)
	if got := Clock(func() time.Time { return fixed }).Now(); !got.Equal(fixed) {
		t.Errorf("injected clock: %v", got)
	}
	var unset Clock
	if got := unset.Now(); time.Since(got) > time.Minute || time.Since(got) < 0 {
		t.Errorf("nil clock: %v, want the real time", got)
	}
}

func TestBaseURL(t *testing.T) {
	tests := []struct {
		name string
		tls  bool
		want string
	}{
		{"plain", false, "http://127.0.0.1:8080"},
		{"TLS", true, "https://127.0.0.1:8080"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "http://127.0.0.1:8080/x?y=1", nil)
			if tt.tls {
				r.TLS = &tls.ConnectionState{}
			}
			if got := BaseURL(r); got != tt.want {
				t.Errorf("BaseURL = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWriteBankLogo(t *testing.T) {
	tests := []struct{ id, name, want string }{
		{"mock", "Mock", ">M</text>"},
		{"x", "", ">?</text>"},
		{"amp", "&Co", ">&amp;</text>"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			rec := httptest.NewRecorder()
			WriteBankLogo(rec, tt.id, tt.name)
			if rec.Header().Get("Content-Type") != "image/svg+xml" || !strings.Contains(rec.Body.String(), tt.want) {
				t.Fatalf("logo %s: %s", rec.Header().Get("Content-Type"), rec.Body)
			}
		})
	}
}

func TestRandomIDNeverLooksLikeAFlag(t *testing.T) {
	for range 2000 {
		if id := RandomID(16); id[0] == '-' || id[0] == '_' || len(id) != 22 {
			t.Fatalf("RandomID = %q", id)
		}
	}
}
