package kit

import "net/http"

// BaseURL is the scheme and host the request reached the sandbox at.
func BaseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
