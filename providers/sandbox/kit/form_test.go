package kit

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestWithQuery(t *testing.T) {
	tests := []struct {
		name, uri string
		fields    []Field
		want      string
		wantErr   bool
	}{
		{"adds the fields", "http://127.0.0.1:1/cb", []Field{{"code", "c"}, {"state", "s t"}}, "http://127.0.0.1:1/cb?code=c&state=s+t", false},
		{"keeps the URI's own parameters", "https://app.example/cb?x=1", []Field{{"code", "c"}}, "https://app.example/cb?code=c&x=1", false},
		{"a custom scheme", "myapp://cb", []Field{{"error", "access_denied"}}, "myapp://cb?error=access_denied", false},
		{"an unparsable URI", "http://[::1", nil, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := WithQuery(tt.uri, tt.fields)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Fatalf("WithQuery = %q, %v; want %q (error %v)", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestSameToken(t *testing.T) {
	tests := []struct {
		name, got, want string
		same            bool
	}{
		{"equal", "abc", "abc", true},
		{"different", "abc", "abd", false},
		{"prefix", "ab", "abc", false},
		{"empty against a token", "", "abc", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if SameToken(tt.got, tt.want) != tt.same {
				t.Fatalf("SameToken(%q, %q) = %v", tt.got, tt.want, !tt.same)
			}
		})
	}
}

func TestLimitForm(t *testing.T) {
	tests := []struct {
		name    string
		size    int
		wantErr bool
	}{
		{"a small form", 100, false},
		{"a form over the limit", MaxFormBytes + 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("a="+strings.Repeat("x", tt.size)))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			LimitForm(httptest.NewRecorder(), r)
			if err := r.ParseForm(); (err != nil) != tt.wantErr {
				t.Fatalf("ParseForm: %v, want an error %v", err, tt.wantErr)
			}
		})
	}
}
