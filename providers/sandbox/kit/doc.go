// Package kit holds the pieces every provider sandbox is built from: the HTML page layout with
// its error and form_post pages, HTML form helpers, JSON answers, random ids and tokens, the
// clock, the base URL of a request, the rows a sandbox shows on the home page, a drawn bank
// logo, and the state file a sandbox keeps across restarts (JSON, replaced atomically). Nothing
// in it belongs to one provider: a provider sandbox brings its own pages, error bodies, routes
// and state format.
package kit
