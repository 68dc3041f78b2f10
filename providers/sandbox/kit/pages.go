package kit

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"path"
)

// templateFS holds the layout and the kit's own pages.
//
//go:embed templates/*.html
var templateFS embed.FS

// Names of the kit's own pages, present in every Pages.
const (
	ErrorPageName    = "error"
	FormPostPageName = "formpost"
)

// PageSource names page templates in a file system: Dir/NAME.html for each name, each file
// defining "content", which the shared layout shows.
type PageSource struct {
	FS    fs.FS
	Dir   string
	Names []string
}

// kitPages are the kit's own pages.
func kitPages() PageSource {
	return PageSource{FS: templateFS, Dir: "templates", Names: []string{ErrorPageName, FormPostPageName}}
}

// Pages are parsed HTML pages, one template set per page inside the shared layout.
type Pages struct {
	byName map[string]*template.Template
}

// MustParsePages parses the layout, the kit's error and form_post pages and the pages of the
// sources. Templates are part of the binary, so a failure is a bug: it panics.
func MustParsePages(sources ...PageSource) *Pages {
	layout := template.Must(template.ParseFS(templateFS, "templates/layout.html"))
	p := &Pages{byName: map[string]*template.Template{}}
	for _, src := range append([]PageSource{kitPages()}, sources...) {
		for _, name := range src.Names {
			t := template.Must(layout.Clone())
			p.byName[name] = template.Must(t.ParseFS(src.FS, path.Join(src.Dir, name+".html")))
		}
	}
	return p
}

// Render writes the named page with data and status; data needs a Title for the layout.
func (p *Pages) Render(w http.ResponseWriter, status int, name string, data any) {
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
