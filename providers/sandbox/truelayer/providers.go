package truelayer

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// providerBody is one element of GET {auth}/api/providers, as documented.
type providerBody struct {
	ProviderID  string   `json:"provider_id"`
	DisplayName string   `json:"display_name"`
	LogoURL     string   `json:"logo_url"`
	Country     string   `json:"country"`
	Scopes      []string `json:"scopes"`
}

// handleProviders serves GET {auth}/api/providers?client_id=: a bare JSON array, no auth.
func (h *Handler) handleProviders(w http.ResponseWriter, r *http.Request) {
	clientID := r.URL.Query().Get("client_id")
	if clientID != h.clientID {
		writeError(w, &apiError{http.StatusBadRequest, "invalid_client",
			fmt.Sprintf("The client_id %q is not registered with this sandbox.", clientID)})
		return
	}
	body := make([]providerBody, len(h.banks))
	for i, b := range h.banks {
		v := h.bankView(b)
		logo := v.LogoURL
		if strings.HasPrefix(logo, "/") {
			logo = kit.BaseURL(r) + logo
		}
		body[i] = providerBody{ProviderID: b.ID, DisplayName: b.Name, LogoURL: logo, Country: b.Country,
			Scopes: slices.Clone(b.Scopes)}
	}
	kit.WriteJSON(w, http.StatusOK, body)
}

// handleLogo draws a simple round logo with the bank's initial, for banks without a LogoURL.
func (h *Handler) handleLogo(w http.ResponseWriter, r *http.Request) {
	id, ok := strings.CutSuffix(r.PathValue("file"), ".svg")
	i := slices.IndexFunc(h.banks, func(b Bank) bool { return b.ID == id })
	if !ok || i < 0 {
		http.NotFound(w, r)
		return
	}
	kit.WriteBankLogo(w, id, h.banks[i].Name)
}
