package transcript

import (
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// HARVersion is the version of the HTTP Archive format WriteHAR writes.
const HARVersion = "1.2"

// harTime is how HAR writes dates: ISO 8601 with milliseconds and the zone.
const harTime = "2006-01-02T15:04:05.000Z07:00"

// HAR is an HTTP Archive (HAR 1.2) of recorded exchanges, as browsers' devtools import it.
type HAR struct {
	Log HARLog `json:"log"`
}

// HARLog is the archive's root object.
type HARLog struct {
	Version string     `json:"version"`
	Creator HARCreator `json:"creator"`
	Entries []HAREntry `json:"entries"`
	Comment string     `json:"comment,omitempty"`
}

// HARCreator names the application that wrote the archive.
type HARCreator struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// HAREntry is one exchange.
type HAREntry struct {
	StartedDateTime string      `json:"startedDateTime"`
	Time            float64     `json:"time"` // milliseconds
	Request         HARRequest  `json:"request"`
	Response        HARResponse `json:"response"`
	Cache           struct{}    `json:"cache"`
	Timings         HARTimings  `json:"timings"`
	Comment         string      `json:"comment,omitempty"`
}

// HARRequest is what was asked.
type HARRequest struct {
	Method      string         `json:"method"`
	URL         string         `json:"url"`
	HTTPVersion string         `json:"httpVersion"`
	Cookies     []HARNameValue `json:"cookies"`
	Headers     []HARNameValue `json:"headers"`
	QueryString []HARNameValue `json:"queryString"`
	PostData    *HARPostData   `json:"postData,omitempty"`
	HeadersSize int            `json:"headersSize"`
	BodySize    int            `json:"bodySize"`
}

// HARResponse is what came back; a transport failure is status 0 with the error as the entry's
// comment.
type HARResponse struct {
	Status      int            `json:"status"`
	StatusText  string         `json:"statusText"`
	HTTPVersion string         `json:"httpVersion"`
	Cookies     []HARNameValue `json:"cookies"`
	Headers     []HARNameValue `json:"headers"`
	Content     HARContent     `json:"content"`
	RedirectURL string         `json:"redirectURL"`
	HeadersSize int            `json:"headersSize"`
	BodySize    int            `json:"bodySize"`
}

// HARNameValue is a header, cookie, query parameter or form field.
type HARNameValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// HARPostData is a request body.
type HARPostData struct {
	MimeType string         `json:"mimeType"`
	Params   []HARNameValue `json:"params"`
	Text     string         `json:"text"`
}

// HARContent is a response body.
type HARContent struct {
	Size     int    `json:"size"`
	MimeType string `json:"mimeType"`
	Text     string `json:"text,omitempty"`
}

// HARTimings splits an entry's time; linkstep knows only the whole, counted as waiting.
type HARTimings struct {
	Blocked float64 `json:"blocked"`
	DNS     float64 `json:"dns"`
	Connect float64 `json:"connect"`
	Send    float64 `json:"send"`
	Wait    float64 `json:"wait"`
	Receive float64 `json:"receive"`
	SSL     float64 `json:"ssl"`
}

// NewHAR builds an archive of entries, which are already redacted: nothing is unmasked, and
// body sizes are -1 (unknown) because a redacted body is not the one that was sent.
func NewHAR(entries []Entry, creator HARCreator) HAR {
	out := make([]HAREntry, 0, len(entries))
	for _, e := range entries {
		out = append(out, harEntry(e))
	}
	return HAR{Log: HARLog{
		Version: HARVersion,
		Creator: creator,
		Entries: out,
		Comment: "recorded by " + creator.Name + ": secrets (client secrets, API keys, codes, tokens, passwords) are masked",
	}}
}

// WriteHAR writes an archive of entries to w as indented JSON.
func WriteHAR(w io.Writer, entries []Entry, creator HARCreator) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(NewHAR(entries, creator))
}

// harEntry converts one recorded exchange.
func harEntry(e Entry) HAREntry {
	ms := float64(e.Duration) / float64(time.Millisecond)
	h := HAREntry{
		StartedDateTime: e.Started.Format(harTime),
		Time:            ms,
		Request: HARRequest{
			Method:      e.Method,
			URL:         e.URL,
			HTTPVersion: "HTTP/1.1",
			Cookies:     requestCookies(e.RequestHeaders),
			Headers:     nameValues(e.RequestHeaders),
			QueryString: queryString(e.URL),
			HeadersSize: -1,
			BodySize:    0,
		},
		Response: HARResponse{
			Status:      e.Status,
			StatusText:  http.StatusText(e.Status),
			HTTPVersion: "HTTP/1.1",
			Cookies:     responseCookies(e.ResponseHeaders),
			Headers:     nameValues(e.ResponseHeaders),
			Content: HARContent{
				Size:     len(e.ResponseBody),
				MimeType: mimeType(e.ResponseHeaders),
				Text:     e.ResponseBody,
			},
			RedirectURL: e.ResponseHeaders.Get("Location"),
			HeadersSize: -1,
			BodySize:    0,
		},
		Timings: HARTimings{Blocked: -1, DNS: -1, Connect: -1, SSL: -1, Wait: ms},
		Comment: e.Err,
	}
	if e.RequestBody != "" {
		h.Request.BodySize = -1
		h.Request.PostData = postData(e.RequestHeaders.Get("Content-Type"), e.RequestBody)
	}
	if e.ResponseBody != "" {
		h.Response.BodySize = -1
	}
	if e.Status == 0 {
		h.Response.HTTPVersion = ""
	}
	return h
}

// unknownMime is the media type of a body whose Content-Type was not given, as devtools write it.
const unknownMime = "x-unknown"

// mimeType is a response's Content-Type, or unknownMime.
func mimeType(h http.Header) string {
	if t := h.Get("Content-Type"); t != "" {
		return t
	}
	return unknownMime
}

// nameValues lists headers sorted by name, one pair per value.
func nameValues(h http.Header) []HARNameValue {
	out := []HARNameValue{}
	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, v := range h[name] {
			out = append(out, HARNameValue{Name: name, Value: v})
		}
	}
	return out
}

// queryString lists a URL's query parameters in their order, decoded.
func queryString(u string) []HARNameValue {
	_, query, ok := strings.Cut(u, "?")
	if !ok {
		return []HARNameValue{}
	}
	query, _, _ = strings.Cut(query, "#")
	return DecodePairs(query)
}

// DecodePairs splits an encoded key=value list (a query or a form body), decoding what
// decodes and keeping the rest as it is.
func DecodePairs(encoded string) []HARNameValue {
	out := []HARNameValue{}
	if encoded == "" {
		return out
	}
	for _, part := range strings.Split(encoded, "&") {
		k, v, _ := strings.Cut(part, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if dv, err := url.QueryUnescape(v); err == nil {
			v = dv
		}
		out = append(out, HARNameValue{Name: k, Value: v})
	}
	return out
}

// postData describes a request body; a form also lists its fields.
func postData(contentType, body string) *HARPostData {
	if contentType == "" {
		contentType = unknownMime
	}
	p := &HARPostData{MimeType: contentType, Params: []HARNameValue{}, Text: body}
	if media, _, err := mime.ParseMediaType(contentType); err == nil && media == "application/x-www-form-urlencoded" {
		p.Params = DecodePairs(body)
	}
	return p
}

// requestCookies lists the cookies of Cookie headers (their values are masked).
func requestCookies(h http.Header) []HARNameValue {
	out := []HARNameValue{}
	for _, line := range h.Values("Cookie") {
		for _, c := range strings.Split(line, ";") {
			name, value, _ := strings.Cut(strings.TrimSpace(c), "=")
			if name != "" {
				out = append(out, HARNameValue{Name: name, Value: value})
			}
		}
	}
	return out
}

// responseCookies lists the cookies Set-Cookie headers set (their values are masked).
func responseCookies(h http.Header) []HARNameValue {
	out := []HARNameValue{}
	for _, line := range h.Values("Set-Cookie") {
		pair, _, _ := strings.Cut(line, ";")
		name, value, _ := strings.Cut(strings.TrimSpace(pair), "=")
		if name != "" {
			out = append(out, HARNameValue{Name: name, Value: value})
		}
	}
	return out
}
