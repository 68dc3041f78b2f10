package oneid

import "github.com/linkstep/linkstep/providers/sandbox/kit"

// IndexRows is what the sandbox's home page shows about OneID when served at base: the issuer,
// its clients and the test identities.
func (h *Handler) IndexRows(base string) []kit.IndexRow {
	var people []kit.IndexItem
	for _, id := range identities() {
		_, c, _ := findIdentity(id.Key)
		people = append(people, kit.IndexItem{Code: id.Key, Note: c.Person.FullName() + ": " + id.Note})
	}
	return []kit.IndexRow{
		{Label: "OneID issuer", Items: []kit.IndexItem{{Code: base + Prefix, Note: "discovery at /.well-known/openid-configuration"}}},
		{Label: "OneID clients", Items: []kit.IndexItem{{Code: h.clientID, Note: "HTTP Basic with its secret"},
			{Code: h.publicClientID, Note: "public: PKCE only"}}},
		{Label: "OneID identities", Items: people},
	}
}
