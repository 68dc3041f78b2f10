package sandbox

import (
	"embed"
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
	"github.com/linkstep/linkstep/providers/sandbox/mockbank"
)

// templateFS holds the sandbox's own HTML pages; each page file defines "content" inside the
// kit's layout.
//
//go:embed templates/*.html
var templateFS embed.FS

// trueLayerBrand is the brand line of TrueLayer's pages.
const trueLayerBrand = "TrueLayer · sandbox"

// parsePages parses the kit's pages and the sandbox's own, one template set per page.
func parsePages() *kit.Pages {
	return kit.MustParsePages(kit.PageSource{FS: templateFS, Dir: "templates",
		Names: []string{"index", "select", "consent"}}, mockbank.LoginPageSource())
}

// renderErrorPage shows an error the browser cannot be redirected with.
func (s *Sandbox) renderErrorPage(w http.ResponseWriter, _ *http.Request, status int, code, description string) {
	s.pages.RenderError(w, kit.ErrorPage{Title: "Something went wrong", Brand: trueLayerBrand, Status: status,
		Code: code, Description: description})
}
