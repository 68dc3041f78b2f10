package browser

import (
	"net/url"
	"strings"
)

// sameEndpoint compares scheme, host and path, as SignIn recognises the redirect URI.
func sameEndpoint(a, b *url.URL) bool {
	path := func(u *url.URL) string {
		if u.Path == "" {
			return "/"
		}
		return u.Path
	}
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(hostPort(a), hostPort(b)) && path(a) == path(b)
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
