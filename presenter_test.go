package main

import (
	"errors"
	"testing"
)

func TestPresenterMode(t *testing.T) {
	tests := []struct {
		name    string
		flag    bool
		env     string
		want    bool
		wantErr bool
	}{
		{name: "off by default", want: false},
		{name: "the flag", flag: true, want: true},
		{name: "the variable", env: "1", want: true},
		{name: "the variable says true", env: "true", want: true},
		{name: "the variable turned off", env: "0", want: false},
		{name: "the flag wins over the variable", flag: true, env: "0", want: true},
		{name: "a variable that means nothing", env: "yes please", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := presenterMode(tt.flag, func(k string) string {
				if k == envPresenter {
					return tt.env
				}
				return ""
			})
			var ee *exitError
			switch {
			case tt.wantErr && (!errors.As(err, &ee) || ee.exit != exitUsage):
				t.Fatalf("presenterMode = %v, %v; want a usage error", got, err)
			case !tt.wantErr && (err != nil || got != tt.want):
				t.Fatalf("presenterMode = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}
