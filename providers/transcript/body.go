package transcript

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"
)

// DefaultMaxBody is how many bytes of a redacted body an Entry keeps unless told otherwise.
const DefaultMaxBody = 64 << 10

// minParseLimit is the least a body may be for it to be redacted by structure (form or
// JSON); a longer one is redacted as text from its first parseLimit bytes.
const minParseLimit = 4 << 20

// Body redacts a body for display, truncated at DefaultMaxBody with a note: form fields and
// JSON keys (at any depth) by name, text/html replaced by a size note, other text by value
// and pattern, and binary content replaced by a size note.
func (r *Redactor) Body(contentType string, body []byte) string {
	return r.body(contentType, body, DefaultMaxBody)
}

// body is Body with an explicit display limit (in bytes; <= 0 means DefaultMaxBody).
func (r *Redactor) body(contentType string, body []byte, limit int) string {
	if len(body) == 0 {
		return ""
	}
	if limit <= 0 {
		limit = DefaultMaxBody
	}
	media, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		media = strings.ToLower(strings.TrimSpace(contentType))
	}
	switch kind := kindOf(media, body); kind {
	case kindHTML:
		return fmt.Sprintf("[html page, %d bytes]", len(body))
	case kindBinary:
		return fmt.Sprintf("[binary, %d bytes]", len(body))
	default:
		parseLimit := max(minParseLimit, 2*limit)
		var red string
		switch {
		case len(body) > parseLimit:
			red = r.Text(string(validPrefix(body[:parseLimit])))
		case kind == kindForm:
			red = r.pairs(string(body), '&')
		case kind == kindJSON:
			var ok bool
			if red, ok = r.json(body); !ok {
				red = r.Text(string(body))
			}
		default:
			red = r.Text(string(body))
		}
		return truncate(red, limit, len(body))
	}
}

// bodyKind is how a body is redacted.
type bodyKind int

const (
	kindText bodyKind = iota
	kindForm
	kindJSON
	kindHTML
	kindBinary
)

// kindOf classifies a body by its media type, falling back to sniffing its bytes.
func kindOf(media string, body []byte) bodyKind {
	switch {
	case media == "application/x-www-form-urlencoded":
		return kindForm
	case media == "application/json" || strings.HasSuffix(media, "+json"):
		return kindJSON
	case media == "text/html" || media == "application/xhtml+xml":
		return kindHTML
	}
	sniff := body[:min(len(body), 512)]
	if !utf8.Valid(validPrefix(sniff)) || bytes.IndexByte(sniff, 0) >= 0 {
		return kindBinary
	}
	switch {
	case strings.HasPrefix(media, "text/"), strings.HasSuffix(media, "+xml"), media == "application/xml",
		media == "application/javascript":
		return kindText
	case media == "" || media == "application/octet-stream":
		if t := bytes.TrimSpace(sniff); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
			return kindJSON
		}
		if bytes.HasPrefix(bytes.ToLower(bytes.TrimSpace(sniff)), []byte("<!doctype html")) ||
			bytes.HasPrefix(bytes.ToLower(bytes.TrimSpace(sniff)), []byte("<html")) {
			return kindHTML
		}
		if media == "" {
			return kindText
		}
	}
	if strings.HasPrefix(media, "image/") || strings.HasPrefix(media, "audio/") ||
		strings.HasPrefix(media, "video/") || media == "application/pdf" ||
		media == "application/octet-stream" || media == "application/zip" {
		return kindBinary
	}
	return kindText
}

// validPrefix trims a rune cut in half at the end of b.
func validPrefix(b []byte) []byte {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if r, size := utf8.DecodeLastRune(b); r != utf8.RuneError || size > 1 {
			return b
		}
		b = b[:len(b)-1]
	}
	return b
}

// truncate cuts s to at most limit bytes on a rune boundary, noting the original size.
func truncate(s string, limit, total int) string {
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + fmt.Sprintf("\n… [truncated: showing %d of %d bytes]", cut, total)
}
