package ui

import (
	"bytes"
	"encoding/json"
	"maps"
	"mime"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/providers/transcript"
)

// exchangeDetail lays out one exchange in full: the request line, the outcome, the headers and
// bodies of both sides (JSON pretty-printed, forms field by field) and the JWTs it carried,
// decoded. Everything is redacted unless revealed, when the unredacted copy is shown instead;
// in presenter mode m masks the personal data in JSON bodies and claims either way.
func exchangeDetail(st Styles, m masker, width int, x exchange, revealed bool, now time.Time) string {
	e := x.entry
	shown := wireView{url: e.URL, reqHeaders: e.RequestHeaders, reqBody: e.RequestBody, respHeaders: e.ResponseHeaders, respBody: e.ResponseBody}
	raw, hasRaw := e.Unredacted()
	if revealed && hasRaw {
		shown = wireView{url: raw.URL, reqHeaders: raw.RequestHeaders, reqBody: raw.RequestBody, respHeaders: raw.ResponseHeaders, respBody: raw.ResponseBody}
	}
	shown.reqBody = m.body(shown.reqHeaders.Get("Content-Type"), shown.reqBody)
	shown.respBody = m.body(shown.respHeaders.Get("Content-Type"), shown.respBody)
	outcome := st.Big.Render(e.Method) + " " + statusStyle(st, e.Status).Render(statusLineText(e.Status)) +
		st.Muted.Render(" · "+durationText(e.Duration))
	if !e.Started.IsZero() {
		outcome += st.Muted.Render(" · " + e.Started.Format("15:04:05.000"))
	}
	parts := []string{outcome, st.Value.Render(wrapHard(shown.url, width))}
	if e.Err != "" {
		parts = append(parts, st.Error.Render(wrapHard("error: "+e.Err, width)))
	}
	parts = append(parts, side(st, width, "Request", shown.reqHeaders, shown.reqBody)...)
	parts = append(parts, side(st, width, "Response", shown.respHeaders, shown.respBody)...)
	if hasRaw {
		for _, j := range raw.JWTs() {
			parts = append(parts, "", jwtView(st, m, width, j, revealed, now))
		}
	}
	return strings.Join(parts, "\n")
}

// wireView is the side of an exchange on show: redacted, or revealed.
type wireView struct {
	url                     string
	reqHeaders, respHeaders http.Header
	reqBody, respBody       string
}

// statusLineText is "200 OK", or "no answer" for a transport failure.
func statusLineText(status int) string {
	if status == 0 {
		return "no answer"
	}
	return strings.TrimSpace(statusCode(status) + " " + http.StatusText(status))
}

// side lays out one side's headers and body under their headings; nothing for an empty part.
func side(st Styles, width int, name string, h http.Header, body string) []string {
	var out []string
	if len(h) > 0 {
		out = append(out, "", st.Section.Render(name+" headers"), headerTable(st, width, h))
	}
	if body != "" {
		kind, text := bodyText(st, h.Get("Content-Type"), body, width)
		out = append(out, "", st.Section.Render(name+" body")+st.Muted.Render(kind), st.Value.Render(text))
	}
	return out
}

// headerTable lists headers by name, one line per value.
func headerTable(st Styles, width int, h http.Header) string {
	var fields []field
	for _, name := range slices.Sorted(maps.Keys(h)) {
		for _, v := range h[name] {
			fields = append(fields, field{label: http.CanonicalHeaderKey(name), value: v})
		}
	}
	return tableWith(st, width, min(labelWidth(fields...), width/3), fields)
}

// bodyText lays a body out for reading: a form field by field, JSON indented, anything else
// as it is; every line fits width. kind names the layout (" · form", " · JSON") or is "".
func bodyText(st Styles, contentType, body string, width int) (kind, text string) {
	media, _, _ := mime.ParseMediaType(contentType)
	switch {
	case media == "application/x-www-form-urlencoded":
		var fields []field
		for _, p := range transcript.DecodePairs(body) {
			fields = append(fields, field{label: p.Name, value: p.Value})
		}
		return " · form", tableWith(st, width, min(labelWidth(fields...), width/3), fields)
	case json.Valid([]byte(body)):
		var b bytes.Buffer
		if json.Indent(&b, []byte(body), "", "  ") == nil {
			return " · JSON", wrapHard(b.String(), width)
		}
	}
	return "", wrapHard(body, width)
}

// wrapHard cuts every line of s that is wider than width into lines of width cells: wire
// text (URLs, tokens, JSON) reads best unbroken up to the edge.
func wrapHard(s string, width int) string {
	width = max(1, width)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Hardwrap(l, width, true)
		}
	}
	return strings.Join(lines, "\n")
}
