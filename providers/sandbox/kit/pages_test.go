package kit

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func TestPagesRender(t *testing.T) {
	provider := fstest.MapFS{"pages/hello.html": {Data: []byte(`{{define "content"}}<p id="hello">{{.Name}}</p>{{end}}`)}}
	pages := MustParsePages(PageSource{FS: provider, Dir: "pages", Names: []string{"hello"}})
	tests := []struct {
		name       string
		render     func(w http.ResponseWriter)
		wantStatus int
		want       []string
	}{
		{"a provider's page inside the layout", func(w http.ResponseWriter) {
			pages.Render(w, http.StatusOK, "hello", struct{ Title, Name string }{"Hi", "<Ada>"})
		}, 200, []string{"<title>Hi · linkstep sandbox</title>", `<p id="hello">&lt;Ada&gt;</p>`}},
		{"the error page with its markers", func(w http.ResponseWriter) {
			pages.RenderError(w, ErrorPage{Title: "Oops", Brand: "Bank · sandbox", Status: 404, Code: "invalid_request", Description: "No such session."})
		}, 404, []string{`<div class="brand">Bank · sandbox</div>`, `<code id="error-code">invalid_request</code>`,
			`<p id="error-description">No such session.</p>`, "HTTP status 404"}},
		{"the form_post page posts every field", func(w http.ResponseWriter) {
			pages.RenderFormPost(w, FormPostPage{Title: "Back", Brand: "B", Action: "http://127.0.0.1:1/cb",
				Fields: []Field{{"code", "c0de"}, {"state", `a"b`}}})
		}, 200, []string{`action="http://127.0.0.1:1/cb"`, `name="code" value="c0de"`, `name="state" value="a&#34;b"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			tt.render(rec)
			body := rec.Body.String()
			h := rec.Header()
			if rec.Code != tt.wantStatus || h.Get("Content-Type") != "text/html; charset=utf-8" ||
				h.Get("Cache-Control") != "no-store" || h.Get("X-Frame-Options") != "DENY" {
				t.Fatalf("got %d %v", rec.Code, h)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q:\n%s", w, body)
				}
			}
		})
	}
}

func TestPagesUnknownPage(t *testing.T) {
	rec := httptest.NewRecorder()
	MustParsePages().Render(rec, http.StatusOK, "nope", nil)
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), "unknown page nope") {
		t.Fatalf("got %d %s", rec.Code, rec.Body)
	}
}
