package browser

import (
	"net/url"
	"path"
	"strings"
)

// atOrBelow reports whether u is the endpoint target or below it, as SignIn recognises the
// redirect URI: the same scheme, host and port, and target's path itself or a path under it
// (for target /callback: /callback, /callback/success, /callback/error, but not /callbackx).
func atOrBelow(u, target *url.URL) bool {
	if !strings.EqualFold(u.Scheme, target.Scheme) || !strings.EqualFold(hostPort(u), hostPort(target)) {
		return false
	}
	p, base := cleanPath(u), cleanPath(target)
	return p == base || strings.HasPrefix(p, strings.TrimSuffix(base, "/")+"/")
}

// cleanPath is the URL's path with dot segments resolved; an empty path is "/".
func cleanPath(u *url.URL) string {
	if u.Path == "" {
		return "/"
	}
	return path.Clean(u.Path)
}

// hostPort is the URL's host with the scheme's default port made explicit.
func hostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return u.Host + ":443"
	case "http":
		return u.Host + ":80"
	}
	return u.Host
}

// withQuery is u with the form's fields added to its query (for a form_post redirect).
func withQuery(u *url.URL, form url.Values) string {
	if len(form) == 0 {
		return u.String()
	}
	out := *u
	q := out.Query()
	for k, vs := range form {
		for _, v := range vs {
			q.Add(k, v)
		}
	}
	out.RawQuery = q.Encode()
	return out.String()
}

// redactQuery is u without its query, for error messages (it may carry codes or state).
func redactQuery(u *url.URL) string {
	out := *u
	out.RawQuery, out.Fragment = "", ""
	return out.String()
}
