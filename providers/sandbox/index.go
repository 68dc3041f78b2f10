package sandbox

import (
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// indexPage is the data of the sandbox's home page.
type indexPage struct {
	Title    string
	URLs     URLs
	ClientID string
	Banks    []bankView
}

// handleIndex shows what the sandbox serves, for a person who opens its base URL.
func (s *Sandbox) handleIndex(w http.ResponseWriter, r *http.Request) {
	banks := make([]bankView, len(s.banks))
	for i, b := range s.banks {
		banks[i] = s.bankView(b)
	}
	s.pages.Render(w, http.StatusOK, "index", indexPage{
		Title:    "linkstep sandbox",
		URLs:     URLsFor(kit.BaseURL(r)),
		ClientID: s.clientID,
		Banks:    banks,
	})
}
