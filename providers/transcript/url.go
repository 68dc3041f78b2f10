package transcript

import (
	"net/url"
	"strings"
)

// URL returns u with secret query (and fragment) parameters, a userinfo password, registered
// values and JWTs masked; it keeps the parameters' order and works on unparsable URLs too.
func (r *Redactor) URL(u string) string {
	rest, fragment, hasFragment := strings.Cut(u, "#")
	base, query, hasQuery := strings.Cut(rest, "?")
	var b strings.Builder
	b.WriteString(r.Text(maskUserPassword(base)))
	if hasQuery {
		b.WriteByte('?')
		b.WriteString(r.pairs(query, '&'))
	}
	if hasFragment {
		b.WriteByte('#')
		if strings.Contains(fragment, "=") {
			// A fragment may hold further '#' (a sloppy URL): each piece is a parameter list.
			pieces := strings.Split(fragment, "#")
			for i, piece := range pieces {
				pieces[i] = r.pairs(piece, '&')
			}
			b.WriteString(strings.Join(pieces, "#"))
		} else {
			b.WriteString(r.Text(fragment))
		}
	}
	return b.String()
}

// maskUserPassword masks the password of a URL's userinfo ("https://user:pass@host").
func maskUserPassword(base string) string {
	scheme, after, ok := strings.Cut(base, "://")
	if !ok {
		return base
	}
	authority, path, _ := strings.Cut(after, "/")
	userinfo, host, ok := strings.Cut(authority, "@")
	if !ok {
		return base
	}
	user, _, hasPass := strings.Cut(userinfo, ":")
	if !hasPass {
		return base
	}
	out := scheme + "://" + user + ":" + maskDots + "@" + host
	if len(after) > len(authority) {
		out += "/" + path
	}
	return out
}

// pairs redacts an encoded key=value list (a query string or form body) pair by pair,
// keeping the order and the original encoding of what needs no masking.
func (r *Redactor) pairs(encoded string, sep byte) string {
	if encoded == "" {
		return ""
	}
	parts := strings.Split(encoded, string(sep))
	for i, part := range parts {
		rawKey, rawValue, hasValue := strings.Cut(part, "=")
		if !hasValue {
			parts[i] = r.Text(part)
			continue
		}
		key, kerr := url.QueryUnescape(rawKey)
		if kerr != nil {
			key = rawKey
		}
		// A key is judged by what follows the last '#' or '?' in it: a sloppy URL can leave
		// them in front ("##code=..." has the fragment "#code=...").
		key = key[strings.LastIndexAny(key, "#?")+1:]
		value, err := url.QueryUnescape(rawValue)
		if err != nil {
			if isSecretKey(key) {
				parts[i] = r.Text(rawKey) + "=" + Mask(rawValue)
			} else {
				parts[i] = r.Text(rawKey) + "=" + r.Text(rawValue)
			}
			continue
		}
		redKey := r.Text(rawKey) // a registered value as a name
		if red := r.value(key, value); red != value {
			parts[i] = redKey + "=" + escapeKeepMask(red)
		} else if redRaw := r.Text(rawValue); redKey != rawKey || redRaw != rawValue {
			// The encoded form can spell a registered value that the decoded one does not
			// ("%00" followed by its digits): mask what the raw text shows, too.
			parts[i] = redKey + "=" + redRaw
		}
	}
	return strings.Join(parts, string(sep))
}

// value redacts one named value: masked whole for a secret key, otherwise as a URL when it
// looks like one (so a code inside a redirect URL is masked) or as text.
func (r *Redactor) value(key, value string) string {
	if value == "" {
		return value
	}
	if isSecretKey(key) {
		return Mask(value)
	}
	if looksLikeURL(value) {
		return r.URL(value)
	}
	return r.Text(value)
}

// looksLikeURL reports whether s is an absolute URL or a path with a query.
func looksLikeURL(s string) bool {
	return strings.Contains(s, "://") || (strings.HasPrefix(s, "/") && strings.ContainsAny(s, "?#"))
}

// escapeKeepMask query-escapes s but leaves the mask dots readable.
func escapeKeepMask(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), url.QueryEscape(maskDots), maskDots)
}
