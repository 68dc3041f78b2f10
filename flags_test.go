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
	}
	for _, tt := range tests {
		got, err := parseOffset(tt.in)
		if tt.bad != (err != nil) || !tt.bad && got != tt.want {
			t.Errorf("parseOffset(%q) = %v, %v", tt.in, got, err)
		}
	}
}
