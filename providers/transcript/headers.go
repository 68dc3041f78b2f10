package transcript

import (
	"net/http"
	"strings"
)

// Headers returns a copy of h with credentials masked: Authorization and
// Proxy-Authorization keep their scheme, cookies keep their names, API-key headers are masked
// whole, a Location's query is redacted like a URL, and every other value is redacted as text.
func (r *Redactor) Headers(h http.Header) http.Header {
	if h == nil {
		return nil
	}
	out := make(http.Header, len(h))
	for name, values := range h {
		red := make([]string, len(values))
		for i, v := range values {
			red[i] = r.header(http.CanonicalHeaderKey(name), v)
		}
		out[name] = red
	}
	return out
}

// header redacts one header value by the header's canonical name.
func (r *Redactor) header(name, v string) string {
	switch name {
	case "Authorization", "Proxy-Authorization": // the scheme and the cookie names are kept, unless registered values
		return r.Text(maskCredentials(v))
	case "Cookie":
		return r.Text(maskCookies(v))
	case "Set-Cookie":
		cookie, attrs, hasAttrs := strings.Cut(v, ";")
		if hasAttrs {
			return r.Text(maskCookies(cookie) + ";" + attrs)
		}
		return r.Text(maskCookies(cookie))
	case "X-Ivy-Api-Key", "X-Api-Key":
		return Mask(v)
	case "Location", "Content-Location", "Referer":
		return r.URL(v)
	default:
		return r.Text(v)
	}
}

// maskCredentials masks an Authorization value, keeping its scheme ("Bearer ••••wxyz").
func maskCredentials(v string) string {
	scheme, cred, ok := strings.Cut(strings.TrimSpace(v), " ")
	if !ok || strings.ContainsAny(scheme, "=:") {
		return Mask(v)
	}
	return scheme + " " + Mask(strings.TrimSpace(cred))
}

// maskCookies masks the values of a "name=value; name2=value2" list, keeping the names.
func maskCookies(v string) string {
	parts := strings.Split(v, ";")
	for i, p := range parts {
		name, _, ok := strings.Cut(p, "=")
		if !ok {
			parts[i] = Mask(p)
			continue
		}
		parts[i] = name + "=" + maskDots
	}
	return strings.Join(parts, ";")
}
