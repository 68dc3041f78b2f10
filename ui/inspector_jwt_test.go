package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/providers/transcript"
)

func TestJWTExpiryWords(t *testing.T) {
	now := testNow()
	tests := []struct {
		name string
		at   time.Time
		want string
	}{
		{"seconds ahead", now.Add(20 * time.Second), "expires in under a minute"},
		{"minutes ahead", now.Add(4*time.Minute + 10*time.Second), "expires in 4 minutes"},
		{"one minute", now.Add(time.Minute), "expires in 1 minute"},
		{"an hour ahead", now.Add(59*time.Minute + 50*time.Second), "expires in 1 hour"},
		{"hours behind", now.Add(-2 * time.Hour), "expired 2 hours ago"},
		{"days ahead", now.Add(90 * 24 * time.Hour), "expires in 90 days"},
		{"just now", now, "expired under a minute ago"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jwtExpiryWords(tt.at, now); got != tt.want {
				t.Errorf("jwtExpiryWords = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestJWTView(t *testing.T) {
	now := testNow()
	raw := fakeJWT(`{"alg":"PS256","kid":"oneid-1","typ":"JWT"}`,
		fmt.Sprintf(`{"iss":"https://oneid.example","aud":["linkstep"],"exp":%d,"iat":%d,"nonce":"n-1"}`, now.Add(4*time.Minute).Unix(), now.Add(-time.Minute).Unix()),
		"U0lHTkFUVVJFLXNlY3JldC1wYXJ0")
	j, err := transcript.DecodeJWT(raw)
	if err != nil {
		t.Fatal(err)
	}
	j.Where = "response body · id_token"
	st := NewStyles(true)

	masked := ansi.Strip(jwtView(st, masker{}, 80, j, false, now))
	for _, want := range []string{
		"JWT in the response body · id_token",
		"signature not checked here",
		"alg        PS256",
		"kid        oneid-1",
		"iss        https://oneid.example",
		`aud        ["linkstep"]`,
		"1763823480 · expires in 4 minutes · 22 Nov 2025 14:58:00 UTC",
		"issued 1 minute ago",
		"nonce      n-1",
		"signature  ••••YXJ0",
		"token      ••••YXJ0",
	} {
		if !strings.Contains(masked, want) {
			t.Errorf("masked view lacks %q:\n%s", want, masked)
		}
	}
	if strings.Contains(masked, j.Signature) || strings.Contains(masked, raw[:20]) {
		t.Errorf("masked view shows the signature or the token:\n%s", masked)
	}

	revealed := ansi.Strip(jwtView(st, masker{}, 80, j, true, now))
	if !strings.Contains(strings.ReplaceAll(revealed, "\n", ""), j.Signature) {
		t.Errorf("revealed view lacks the signature:\n%s", revealed)
	}
	if !strings.Contains(revealed, "token      "+raw[:20]) {
		t.Errorf("revealed view lacks the token:\n%s", revealed)
	}
}
