package flows

import (
	"testing"
	"time"
)

func TestDaysAgreeWithTheirNumber(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{30 * time.Minute, "less than an hour"},
		{time.Hour, "1 hour"},
		{5 * time.Hour, "5 hours"},
		{24 * time.Hour, "1 day"},
		{3 * 24 * time.Hour, "3 days"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := days(tt.d); got != tt.want {
				t.Errorf("days(%v) = %q, want %q", tt.d, got, tt.want)
			}
		})
	}
}
