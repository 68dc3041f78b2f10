package oneid

import (
	"bytes"
	"context"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestReport(t *testing.T) {
	tests := []struct {
		name, identity, scope string
		want, wantNot         []string // text pdftotext must (not) find
	}{
		{"janet", "janet", allScopes, []string{"Janet Davidson", "3614 Poe Road", "1985-06-01", "Mary Smith",
			"1 check raised an alert: National SIRA: fraud"}, nil},
		{"alix", "alix", allScopes, []string{"Alix Rayner", "80 Temple Way", "5 checks raised an alert"}, nil},
		{"gary without address", "gary", "openid profile fraud product:id_assure", []string{"Gary Humphrey", "National SIRA: victim"},
			[]string{"1 Hay Hill"}},
	}
	pdftotext, lookErr := exec.LookPath("pdftotext")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t, Config{})
			status, header, body := e.get("/userinfo/report", e.accessToken(tt.identity, tt.scope))
			if status != http.StatusOK || header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(body, []byte("%PDF-")) ||
				!bytes.Contains(body, []byte("%%EOF")) {
				t.Fatalf("report: %d %v %.40q", status, header, body)
			}
			if lookErr != nil {
				t.Skip("pdftotext is not on PATH (apt-get install poppler-utils): the report's text is not checked")
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, pdftotext, "-", "-")
			cmd.Stdin = bytes.NewReader(body)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			text := strings.Join(strings.Fields(string(out)), " ")
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("the report lacks %q:\n%s", w, text)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(text, w) {
					t.Errorf("the report shows %q, which was not shared", w)
				}
			}
		})
	}
}

func TestReportIsDeterministic(t *testing.T) {
	e := newTestEnv(t, Config{})
	_, _, a := e.get("/userinfo/report", e.accessToken("janet", allScopes))
	_, _, b := e.get("/userinfo/report", e.accessToken("janet", allScopes))
	if !bytes.Equal(a, b) {
		t.Error("two reports of Janet at the same time differ")
	}
}
