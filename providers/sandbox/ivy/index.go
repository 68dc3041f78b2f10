package ivy

import (
	"fmt"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// IndexRows is what the sandbox's home page shows about Ivy when served at base: the API host,
// how to authenticate, the banks and where the closed sessions are kept.
func (h *Handler) IndexRows(base string) []kit.IndexRow {
	banks := make([]kit.IndexItem, len(h.banks))
	for i, b := range h.banks {
		banks[i] = kit.IndexItem{Code: b.ID, Note: b.Name}
	}
	kept := kit.IndexItem{Code: "memory", Note: "sessions end with the sandbox"}
	if path := h.store.path(); path != "" {
		kept = kit.IndexItem{Code: path, Note: fmt.Sprintf("%d closed sessions kept", h.store.kept())}
		if err := h.store.saveError(); err != nil {
			kept.Note += "; the last write failed: " + err.Error()
		}
	}
	return []kit.IndexRow{
		{Label: "Ivy API", Items: []kit.IndexItem{{Code: base + Prefix, Note: "POST " + pathCreate + " and the other calls"}}},
		{Label: "Ivy API key", Items: []kit.IndexItem{{Code: apiKeyHeader, Note: "every call carries the sandbox's API key"}}},
		{Label: "Ivy banks", Items: banks},
		{Label: "Ivy sessions", Items: []kit.IndexItem{kept}},
	}
}
