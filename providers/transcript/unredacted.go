package transcript

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
)

// ErrNotExportable is what encoding an Unredacted exchange fails with: secrets never leave
// the process through an encoder.
var ErrNotExportable = errors.New("an unredacted exchange holds secrets and is never exported")

// Unredacted is an exchange as it went over the wire, secrets included, for showing on screen
// after the user asked to; bodies are cut at the same limit as the redacted ones, and HTML and
// binary bodies are size notes as they are in the Entry.
type Unredacted struct {
	URL             string
	RequestHeaders  http.Header
	RequestBody     string
	ResponseHeaders http.Header
	ResponseBody    string
}

// Unredacted returns the exchange with its secrets, when the recorder kept it; exports (HAR,
// curl, JSON) only ever read the redacted fields of e.
func (e Entry) Unredacted() (Unredacted, bool) {
	if e.raw == nil {
		return Unredacted{}, false
	}
	return *e.raw, true
}

// MarshalJSON refuses: an unredacted exchange is never written out.
func (Unredacted) MarshalJSON() ([]byte, error) { return nil, ErrNotExportable }

// MarshalText refuses: an unredacted exchange is never written out.
func (Unredacted) MarshalText() ([]byte, error) { return nil, ErrNotExportable }

// Format prints a placeholder under every verb, so a log line cannot carry the secrets.
func (Unredacted) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, "transcript.Unredacted{hidden}") }

// rawBody is a body for the unredacted copy: the text up to limit bytes, or the size note
// Body gives HTML and binary content.
func rawBody(contentType string, body []byte, limit int) string {
	if len(body) == 0 {
		return ""
	}
	if k := kindOf(mediaOf(contentType), body); k == kindHTML || k == kindBinary {
		return (*Redactor)(nil).body(contentType, body, limit)
	}
	if limit <= 0 {
		limit = DefaultMaxBody
	}
	return truncate(string(body), limit, len(body))
}

// mediaOf is the media type of a Content-Type, lower-cased, even when it does not parse.
func mediaOf(contentType string) string {
	media, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return strings.ToLower(strings.TrimSpace(contentType))
	}
	return media
}

// cloneHeader copies h, so that the unredacted copy does not change with the request.
func cloneHeader(h http.Header) http.Header {
	if h == nil {
		return nil
	}
	return h.Clone()
}
