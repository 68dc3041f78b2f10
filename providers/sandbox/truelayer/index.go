package truelayer

import "github.com/linkstep/linkstep/providers/sandbox/kit"

// IndexRows is what the sandbox's home page shows about TrueLayer when served at base: the
// two base URLs, the client id, the banks and, with a state file, where it is and any problem.
func (h *Handler) IndexRows(base string) []kit.IndexRow {
	banks := make([]kit.IndexItem, len(h.banks))
	for i, b := range h.banks {
		banks[i] = kit.IndexItem{Code: b.ID, Note: b.Name}
	}
	rows := []kit.IndexRow{
		{Label: "TrueLayer auth", Items: []kit.IndexItem{{Code: base + AuthPrefix}}},
		{Label: "TrueLayer API", Items: []kit.IndexItem{{Code: base + APIPrefix}}},
		{Label: "client_id", Items: []kit.IndexItem{{Code: h.clientID}}},
		{Label: "banks", Items: banks},
	}
	if h.state != nil {
		note := "connections outlive restarts"
		if err := h.StateProblem(); err != nil {
			note = err.Error()
		}
		rows = append(rows, kit.IndexRow{Label: "TrueLayer state", Items: []kit.IndexItem{{Code: h.state.path, Note: note}}})
	}
	return rows
}
