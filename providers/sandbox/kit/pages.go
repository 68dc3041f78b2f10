package kit

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"sync"
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

// Pages are HTML pages, one template set per page inside the shared layout, each parsed on its
// first use: a sandbox that serves API calls only, or a few of its pages, parses no more.
type Pages struct {
	byName map[string]func() *template.Template
}

// MustParsePages names the layout, the kit's error and form_post pages and the pages of the
// sources; each is parsed when it is first rendered. Templates are part of the binary, so a
// failure to parse is a bug: it panics (each sandbox's tests call ParseAll).
func MustParsePages(sources ...PageSource) *Pages {
	layout := sync.OnceValue(func() *template.Template {
		return template.Must(template.ParseFS(templateFS, "templates/layout.html"))
	})
	p := &Pages{byName: map[string]func() *template.Template{}}
	for _, src := range append([]PageSource{kitPages()}, sources...) {
		for _, name := range src.Names {
			p.byName[name] = sync.OnceValue(func() *template.Template {
				t := template.Must(layout().Clone())
				return template.Must(t.ParseFS(src.FS, path.Join(src.Dir, name+".html")))
			})
		}
	}
	return p
}

// ParseAll parses every page now, for a test: a page that does not parse panics.
func (p *Pages) ParseAll() {
	for _, parsed := range p.byName {
		parsed()
	}
}

// Render writes the named page with data and status; data needs a Title for the layout.
func (p *Pages) Render(w http.ResponseWriter, status int, name string, data any) {
	parsed, ok := p.byName[name]
	if !ok {
		http.Error(w, "unknown page "+name, http.StatusInternalServerError)
		return
	}
	t := parsed()
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
