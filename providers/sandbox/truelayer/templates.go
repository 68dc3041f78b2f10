package truelayer

import (
	"embed"
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
	"github.com/linkstep/linkstep/providers/sandbox/mockbank"
)

// templateFS holds TrueLayer's own pages (bank selection, consent); each page file defines
// "content" inside the kit's layout.
//
//go:embed templates/*.html
var templateFS embed.FS

// brand is the brand line of TrueLayer's pages.
const brand = "TrueLayer · sandbox"

// parsePages parses the kit's pages, TrueLayer's own and the mock bank's login page.
func parsePages() *kit.Pages {
	return kit.MustParsePages(kit.PageSource{FS: templateFS, Dir: "templates",
		Names: []string{"select", "consent"}}, mockbank.LoginPageSource())
}

// renderErrorPage shows an error the browser cannot be redirected with.
func (h *Handler) renderErrorPage(w http.ResponseWriter, _ *http.Request, status int, code, description string) {
	h.pages.RenderError(w, kit.ErrorPage{Title: "Something went wrong", Brand: brand, Status: status,
		Code: code, Description: description})
}
