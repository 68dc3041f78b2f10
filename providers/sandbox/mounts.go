package sandbox

import (
	"net/http"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// provider is one provider sandbox as the root mounts it.
type provider interface {
	http.Handler
	// Prefixes are the path prefixes it answers under, such as /truelayer/auth; requests
	// reach it with the prefix kept.
	Prefixes() []string
	// IndexRows are what the home page shows about it when the sandbox is served at base.
	IndexRows(base string) []kit.IndexRow
}

// providers lists the provider sandboxes a Sandbox serves, in the home page's order: adding
// a provider is adding it here (and its base URLs to URLs).
func (s *Sandbox) providers() []provider {
	return []provider{
		s.trueLayer,
		s.oneID,
		s.ivy,
	}
}

// routes mounts every provider sandbox under its prefixes, and the home page at /.
func (s *Sandbox) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handleIndex)
	for _, p := range s.providers() {
		for _, prefix := range p.Prefixes() {
			mux.Handle(prefix, p)     // e.g. the auth link at {auth} without a trailing slash
			mux.Handle(prefix+"/", p) // everything below
		}
	}
	return mux
}
