package sandbox

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestIndexPage(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want []string
	}{
		{"default", Options{}, []string{"<code>" + DefaultClientID + "</code>", "<code>mock</code> (Mock)"}},
		{"two banks", Options{ClientID: "sandbox-x", Banks: []Bank{MockBank(), {ID: "ob-monzo", Name: "Monzo", Country: "uk"}}},
			[]string{"<code>sandbox-x</code>", "<code>mock</code> (Mock)", "<code>ob-monzo</code> (Monzo)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb, srv, urls := serve(t, tt.opts)
			resp, err := srv.Client().Get(srv.URL + "/")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), urls.TrueLayerAuth) ||
				strings.Contains(string(body), sb.ClientSecret()) {
				t.Fatalf("index %s: %s", resp.Status, body)
			}
			for _, w := range append(tt.want, "<code>"+urls.TrueLayerAPI+"</code>", "error.&lt;code&gt;", "<code>"+urls.OneID+"</code>",
				"<code>janet</code> (Janet Davidson: clear)", "<code>gary</code> (Gary Humphrey: victim of fraud)",
				"<code>"+urls.Ivy+"</code>", "<code>X-Ivy-Api-Key</code>", "<th>Ivy banks</th><td><code>mock</code> (Mock)",
				"<th>Ivy sessions</th><td><code>memory</code>") {
				if !strings.Contains(string(body), w) {
					t.Errorf("index lacks %q", w)
				}
			}
		})
	}
}
