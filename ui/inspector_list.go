package ui

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// inspectorEmpty is what the list says before the run made any exchange.
const inspectorEmpty = "No HTTP exchanges yet. Start a journey: every call it makes to a provider is listed here under the step that made it, redacted."

// Columns of a list row besides the method and the host and path.
const (
	rowCursor   = 2 // "› "
	rowStatus   = 4 // "200 "
	rowDuration = 6 // " 4.5ms", right-aligned
	// rowLongSegment is the length from which a path segment (an id) is shown by its start.
	rowLongSegment = 16
)

// listLines lays out the exchanges under the step that made each, and reports the lines of
// the selected one and of its step's heading (to keep both in sight).
func (a inspectorArea) listLines(width int) (lines []string, first, last int) {
	st := a.c.styles
	if len(a.exchanges) == 0 {
		return strings.Split(st.Muted.Render(ansi.Wrap(inspectorEmpty, max(10, width), " ")), "\n"), 0, 0
	}
	methodWidth := 0
	for _, x := range a.exchanges {
		methodWidth = max(methodWidth, len(x.entry.Method)+1)
	}
	step := ""
	heading := 0
	for i, x := range a.exchanges {
		if i == 0 || x.step != step {
			step = x.step
			title := step
			if title == "" {
				title = "before the first step"
			}
			heading = len(lines)
			lines = append(lines, st.Section.Render(truncate(title, width)))
		}
		if x.seq == a.selected {
			first, last = heading, len(lines)
		}
		lines = append(lines, a.row(x, width, methodWidth))
	}
	return lines, first, last
}

// row is one exchange: method, host and path, status, duration.
func (a inspectorArea) row(x exchange, width, methodWidth int) string {
	st := a.c.styles
	e := x.entry
	pathWidth := max(8, width-rowCursor-methodWidth-rowStatus-rowDuration)
	cursor, text := "  ", st.Row
	if x.seq == a.selected {
		cursor, text = st.Cursor.Render("›")+" ", st.Selected
	}
	return cursor +
		text.Render(padRight(e.Method, methodWidth)) +
		text.Render(padRight(tailCut(hostPath(e.URL), pathWidth-1), pathWidth)) +
		statusStyle(st, e.Status).Render(padRight(statusCode(e.Status), rowStatus)) +
		st.RowDim.Render(padLeft(durationText(e.Duration), rowDuration))
}

// hostPath is a URL's host and path, without scheme or query, its long segments (ids) cut to
// their start: "auth.example.com/consent/6TY2tq…".
func hostPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		base, _, _ := strings.Cut(raw, "?")
		return base
	}
	segments := strings.Split(u.EscapedPath(), "/")
	for i, s := range segments {
		if r := []rune(s); len(r) >= rowLongSegment {
			segments[i] = string(r[:6]) + "…"
		}
	}
	return u.Host + strings.Join(segments, "/")
}

// tailCut keeps the end of s within width cells, where a path says the most, from a "/" when
// one is near: "…/connect/token".
func tailCut(s string, width int) string {
	r := []rune(s)
	if len(r) <= width || width < 2 {
		return truncate(s, width)
	}
	tail := string(r[len(r)-(width-1):])
	if i := strings.Index(tail, "/"); i > 0 && i < len(tail)-1 {
		tail = tail[i:]
	}
	return "…" + tail
}

// statusCode is the HTTP status, or ERR for an exchange that got no answer.
func statusCode(status int) string {
	if status == 0 {
		return "ERR"
	}
	return fmt.Sprint(status)
}

// statusStyle colours a status by its class.
func statusStyle(st Styles, status int) lipgloss.Style {
	switch {
	case status == 0 || status >= 500:
		return st.Error
	case status >= 400:
		return st.Warn
	case status >= 300:
		return st.Muted
	default:
		return st.Success
	}
}

// durationText is a duration short enough for a column: "0.4ms", "12ms", "1.3s".
func durationText(d time.Duration) string {
	switch {
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond))
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Round(time.Millisecond)/time.Millisecond)
	default:
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
}
