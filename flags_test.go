package main

import (
	"testing"
	"time"
)

func TestParseOffset(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		in   string
		want time.Duration
		bad  bool
	}{
		{in: "+85d", want: 85 * day}, {in: "85d", want: 85 * day}, {in: "-2h", want: -2 * time.Hour},
		{in: "1d12h", want: day + 12*time.Hour}, {in: "0d", want: 0},
		{in: "soon", bad: true}, {in: "d", bad: true}, {in: "+x5d", bad: true}, {in: "5w", bad: true},
		{in: "+36500d", want: maxClockOffset}, {in: "-36500d", want: -maxClockOffset},
		{in: "+36501d", bad: true}, {in: "-200000d", bad: true}, {in: "+106752d", bad: true}, {in: "99999999d", bad: true},
		{in: "36500d1ns", bad: true}, {in: "876001h", bad: true},
	}
	for _, tt := range tests {
		got, err := parseOffset(tt.in)
		if tt.bad != (err != nil) || !tt.bad && got != tt.want {
			t.Errorf("parseOffset(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func TestRedirectURIFlag(t *testing.T) {
	for _, ok := range []string{
		"", "http://127.0.0.1:8080/callback", "https://127.0.0.1:8443/callback", "http://[::1]:9000/cb",
		"http://localhost:9000/cb", "http://127.0.0.1:0/cb", "https://app.example.com/cb", "http://127.0.0.1/cb",
	} {
		var f redirectURIFlag
		if err := f.Set(ok); err != nil || f.String() != ok {
			t.Errorf("Set(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{
		"ftp://x/cb", "not a uri", "/callback", "127.0.0.1:8080/cb", "http:opaque", "http://127.0.0.1:99999/cb",
		"https://app.example.com:0/cb", "https://app.example.com/cb#frag", "https://user:pw@app.example.com/cb", "http://[::1/cb",
	} {
		var f redirectURIFlag
		if err := f.Set(bad); err == nil {
			t.Errorf("Set(%q) took it", bad)
		}
	}
}
