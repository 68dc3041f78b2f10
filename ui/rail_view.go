package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// railColumnWidth is the width of the rail's column, its rule included.
const railColumnWidth = 28

// railGap is the blank columns between the rail's column and the screen.
const railGap = 2

// railEnd is how the journey stands, for the rail's marks.
type railEnd int

const (
	railRunning railEnd = iota
	railSucceeded
	railFailed
)

// glyph is the mark of a row: ✓ done, – skipped, ● current (✗ when the journey failed there),
// ○ upcoming.
func (row railRow) glyph(st Styles, end railEnd) string {
	switch row.step.state {
	case stepDone:
		return st.RailDone.Render("✓")
	case stepSkipped:
		return st.RailUpcoming.Render("–")
	case stepCurrent:
		if end == railFailed {
			return st.Error.Render("✗")
		}
		return st.RailCurrent.Render("●")
	default:
		return st.RailUpcoming.Render("○")
	}
}

// railLine is the rail on one line, for the header when the rail has no column: where the
// journey is, then a mark per step, each with its title where there is room, the current step's
// first, then the skipped ones', then its neighbours': "step 3 of 5  – ✓ Sign in at the bank  ● Exchange the code
// (automatic)  ○ Read the identity (automatic) ○". At 60 columns it is the marks and the
// current step.
func railLine(st Styles, r rail, end railEnd, width int) string {
	rows := r.rows()
	var steps []railRow
	focus := -1
	for _, row := range rows {
		if row.group {
			continue
		}
		if row.step.state == stepCurrent {
			focus = len(steps)
		}
		steps = append(steps, row)
	}
	if focus < 0 {
		focus = len(steps) - 1
	}
	lead := railLead(st, r, rows, end) + "  "
	full := make([]bool, len(steps))
	for _, i := range titledFirst(steps, focus) {
		full[i] = true
		if ansi.StringWidth(lead+railItems(st, steps, full, end)) > width {
			full[i] = i == focus // the current step keeps its title, cut if it must be
			break
		}
	}
	return truncate(lead+railItems(st, steps, full, end), width)
}

// titledFirst is the order in which steps get their titles on the line: the current one, the
// skipped ones (their reason is news), then the others nearest the current one first.
func titledFirst(steps []railRow, focus int) []int {
	order := nearestFirst(focus, len(steps))
	out := order[:min(1, len(order)):min(1, len(order))]
	for _, i := range order[len(out):] {
		if steps[i].step.state == stepSkipped {
			out = append(out, i)
		}
	}
	for _, i := range order[min(1, len(order)):] {
		if steps[i].step.state != stepSkipped {
			out = append(out, i)
		}
	}
	return out
}

// nearestFirst is the indexes 0..n-1 by their distance from focus, the later one first on a tie.
func nearestFirst(focus, n int) []int {
	var out []int
	if focus >= 0 && focus < n {
		out = append(out, focus)
	}
	for d := 1; d < n; d++ {
		if i := focus + d; i >= 0 && i < n {
			out = append(out, i)
		}
		if i := focus - d; i >= 0 && i < n {
			out = append(out, i)
		}
	}
	return out
}

// railItems is the steps on one line: a mark each, and the title (with "automatic" or the reason
// it was skipped) of those marked full. Titled steps stand two columns apart, marks one.
func railItems(st Styles, steps []railRow, full []bool, end railEnd) string {
	var b strings.Builder
	for i, row := range steps {
		if i > 0 {
			b.WriteString(" ")
			if full[i] || full[i-1] {
				b.WriteString(" ")
			}
		}
		b.WriteString(row.glyph(st, end))
		if !full[i] {
			continue
		}
		b.WriteString(" " + titleStyle(st, row, end).Render(row.step.title))
		if note := row.note(); note != "" {
			b.WriteString(" " + st.RailNote.Render("("+note+")"))
		}
	}
	return b.String()
}

// railLead is the start of the rail's line: "step 3 of 5", "done · 5 steps", "stopped at step
// 3 of 5".
func railLead(st Styles, r rail, rows []railRow, end railEnd) string {
	cur, total, ok := r.position(rows)
	switch {
	case end == railSucceeded:
		return st.Success.Render("done · " + plural(total, "step"))
	case !ok:
		return st.Step.Render(plural(total, "step"))
	case end == railFailed:
		return st.Error.Render(fmt.Sprintf("stopped at step %d of %d", cur.number, total))
	}
	return st.Step.Render(fmt.Sprintf("step %d of %d", cur.number, total))
}

// railWhere says in words where the journey is: "step 2 of 5 · Exchange the code (automatic)".
func railWhere(st Styles, r rail, rows []railRow, end railEnd) string {
	cur, total, ok := r.position(rows)
	if end == railSucceeded || !ok {
		return railLead(st, r, rows, end)
	}
	text := fmt.Sprintf("step %d of %d · %s", cur.number, total, cur.step.title)
	if cur.step.automatic {
		text += " (automatic)"
	}
	if end == railFailed {
		return st.Error.Render("stopped at " + text)
	}
	return st.Step.Render(text)
}

// railColumn is the rail as a column of width (its rule included) and height lines: the
// journey's title, then every step, its number, and a note under the automatic and the
// skipped ones.
func railColumn(st Styles, r rail, end railEnd, journey string, width, height int) string {
	inner := width - st.RailColumn.GetHorizontalFrameSize()
	lines := []string{st.Section.Render(truncate(journey, inner)), ""}
	rows := r.rows()
	_, total, _ := r.position(rows)
	numWidth := len(fmt.Sprint(max(total, 1)))
	for _, row := range rows {
		lines = append(lines, railRowLines(st, row, end, numWidth, inner)...)
	}
	if !r.planned() {
		lines = append(lines, st.Muted.Render("starting…"))
	}
	body := fit(strings.Join(lines, "\n"), inner, height)
	return st.RailColumn.Width(width).Height(height).Render(body)
}

// railRowLines is one row of the column: "● 2 Sign in at the bank", its title wrapped, then
// "automatic" or "skipped: one bank offered" under the title.
func railRowLines(st Styles, row railRow, end railEnd, numWidth, width int) []string {
	pad := strings.Repeat(" ", 2*row.depth)
	num := strings.Repeat(" ", numWidth)
	if row.number > 0 {
		num = padLeft(fmt.Sprint(row.number), numWidth)
	}
	head := pad + row.glyph(st, end) + " " + st.Muted.Render(num) + " "
	under := strings.Repeat(" ", 2*row.depth+numWidth+3)
	room := max(8, width-ansi.StringWidth(under))
	title := titleStyle(st, row, end)
	var lines []string
	for i, l := range strings.Split(ansi.Wrap(row.step.title, room, " "), "\n") {
		lead := under
		if i == 0 {
			lead = head
		}
		lines = append(lines, lead+title.Render(l))
	}
	for _, l := range strings.Split(ansi.Wrap(row.note(), room, " "), "\n") {
		if l != "" {
			lines = append(lines, under+st.RailNote.Render(l))
		}
	}
	return lines
}

// note says why a step was skipped, or that it is automatic; "" for neither.
func (row railRow) note() string {
	switch {
	case row.step.state == stepSkipped && row.step.reason != "":
		return "skipped: " + row.step.reason
	case row.step.state == stepSkipped:
		return "skipped"
	case row.step.automatic:
		return "automatic"
	}
	return ""
}

// titleStyle is the style of a row's title.
func titleStyle(st Styles, row railRow, end railEnd) lipgloss.Style {
	switch row.step.state {
	case stepCurrent:
		if end == railFailed {
			return st.Error
		}
		return st.RailCurrent
	case stepSkipped:
		return st.RailSkipped
	case stepDone:
		return st.Value
	default:
		return st.RailUpcoming
	}
}
