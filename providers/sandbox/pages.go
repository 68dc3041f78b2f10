package sandbox

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
)

// templateFS holds the HTML pages; each page file defines "content" inside layout.html.
//
//go:embed templates/*.html
var templateFS embed.FS

// pageNames are the pages a Sandbox renders, one file each under templates/.
func pageNames() []string {
	return []string{"index", "error", "select", "consent", "login", "formpost"}
}

// pages are the parsed HTML templates of one Sandbox, one template set per page.
type pages struct {
	byName map[string]*template.Template
}

// parsePages parses the embedded templates; they are part of the binary, so failing is a bug.
func parsePages() *pages {
	layout := template.Must(template.ParseFS(templateFS, "templates/layout.html"))
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range pageNames() {
		t := template.Must(layout.Clone())
		p.byName[name] = template.Must(t.ParseFS(templateFS, "templates/"+name+".html"))
	}
	return p
}

// render writes the named page with data and status.
func (p *pages) render(w http.ResponseWriter, status int, name string, data any) {
	t, ok := p.byName[name]
	if !ok {
		http.Error(w, "unknown page "+name, http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		http.Error(w, "render page "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// errorPage is the data of the error page.
type errorPage struct {
	Title       string
	Status      int
	Code        string
	Description string
}

// renderErrorPage shows an error the browser cannot be redirected with.
func (s *Sandbox) renderErrorPage(w http.ResponseWriter, _ *http.Request, status int, code, description string) {
	s.pages.render(w, status, "error", errorPage{Title: "Something went wrong", Status: status,
		Code: code, Description: description})
}

// formPostPage is the data of the response_mode=form_post page.
type formPostPage struct {
	Title  string
	Action template.URL // the redirect URI, already checked against the allowed ones
	Fields []field
}
