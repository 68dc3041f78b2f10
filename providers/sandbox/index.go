package sandbox

import (
	"embed"
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// templateFS holds the home page; it defines "content" inside the kit's layout.
//
//go:embed templates/*.html
var templateFS embed.FS

// parsePages parses the home page with the kit's pages.
func parsePages() *kit.Pages {
	return kit.MustParsePages(kit.PageSource{FS: templateFS, Dir: "templates", Names: []string{"index"}})
}

// indexPage is the data of the sandbox's home page.
type indexPage struct {
	Title string
	Rows  []kit.IndexRow
}

// handleIndex shows what the sandbox serves, for a person who opens its base URL.
func (s *Sandbox) handleIndex(w http.ResponseWriter, r *http.Request) {
	base := kit.BaseURL(r)
	var rows []kit.IndexRow
	for _, p := range s.providers() {
		rows = append(rows, p.IndexRows(base)...)
	}
	s.pages.Render(w, http.StatusOK, "index", indexPage{Title: "linkstep sandbox", Rows: rows})
}
