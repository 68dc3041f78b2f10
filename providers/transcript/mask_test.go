package transcript

import "testing"

func TestMask(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "••••"},
		{"short", "abc", "••••"},
		{"fifteen chars", "123456789012345", "••••"},
		{"sixteen chars keeps last four", "1234567890123456", "••••3456"},
		{"multibyte runes", "ééééééééééééüüüü", "••••üüüü"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Mask(tt.in); got != tt.want {
				t.Errorf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
