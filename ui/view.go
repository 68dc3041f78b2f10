package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/linkstep/linkstep/flows"
)

// page lays out a screen: its title, a sentence of introduction wrapped to the width, a blank
// line, the content.
func page(s Styles, width int, title, intro, content string) string {
	var b strings.Builder
	b.WriteString(s.Title.Render(truncate(title, width)))
	b.WriteString("\n")
	for _, l := range introLines(intro, width) {
		b.WriteString(s.Intro.Render(l))
		b.WriteString("\n")
	}
	b.WriteString("\n")
	b.WriteString(content)
	return b.String()
}

// introLines is a page's introduction wrapped to width.
func introLines(intro string, width int) []string {
	return strings.Split(ansi.Wrap(intro, max(10, width), " "), "\n")
}

// headLines is the number of lines page puts above the content: the title, the introduction
// wrapped to width and a blank line.
func headLines(width int, intro string) int { return 2 + len(introLines(intro, width)) }

// field is one line of a label/value table.
type field struct{ label, value string }

// table lays out fields in two aligned columns; long values wrap under themselves.
func table(s Styles, width int, fields []field) string {
	return tableWith(s, width, labelWidth(fields...), fields)
}

// labelWidth is the width of the widest label.
func labelWidth(fields ...field) int {
	w := 0
	for _, f := range fields {
		w = max(w, ansi.StringWidth(f.label))
	}
	return w
}

// tableWith is table with the label column labelWidth wide, to align several tables.
func tableWith(s Styles, width, labelWidth int, fields []field) string {
	gap := 2
	valueWidth := max(10, width-labelWidth-gap)
	indent := strings.Repeat(" ", labelWidth+gap)
	var lines []string
	for _, f := range fields {
		value := f.value
		if value == "" {
			value = "—"
		}
		wrapped := strings.Split(ansi.Wrap(value, valueWidth, " /&,"), "\n")
		for i, w := range wrapped {
			head := indent
			if i == 0 {
				head = s.Label.Render(padRight(f.label, labelWidth)) + strings.Repeat(" ", gap)
			}
			lines = append(lines, head+s.Value.Render(w))
		}
	}
	return strings.Join(lines, "\n")
}

// bullets lays out items as a bulleted list, wrapped to width.
func bullets(s Styles, width int, items []string) string {
	var lines []string
	for _, it := range items {
		wrapped := strings.Split(ansi.Wrap(it, max(10, width-2), " "), "\n")
		for i, w := range wrapped {
			head := "  "
			if i == 0 {
				head = s.Bullet.Render("•") + " "
			}
			lines = append(lines, head+s.Value.Render(w))
		}
	}
	return strings.Join(lines, "\n")
}

// keyHint renders an inline "k does this" hint from a binding's help.
func keyHint(s Styles, keyText, desc string) string {
	return s.Key.Render(keyText) + " " + s.Action.Render(desc)
}

// indent prefixes every line of s with n spaces.
func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = pad + l
		}
	}
	return strings.Join(lines, "\n")
}

// fit cuts s to at most width cells per line and exactly height lines, without trailing
// blanks.
func fit(s string, width, height int) string {
	if height <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			l = ansi.Truncate(l, width, "")
		}
		lines[i] = strings.TrimRight(l, " ")
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// spread puts left and right on one line of width cells, right-aligned; left wins when
// both do not fit.
func spread(left, right string, width int) string {
	lw, rw := ansi.StringWidth(left), ansi.StringWidth(right)
	if right == "" || lw+rw+2 > width {
		return truncate(left, width)
	}
	return left + strings.Repeat(" ", width-lw-rw) + right
}

// describe is the one-line account of err for a view: "code: description".
func describe(err error) string {
	code, desc := flows.Describe(err)
	if code == "" || code == "error" {
		return desc
	}
	if desc == "" {
		return code
	}
	return code + ": " + desc
}

// truncate cuts s to width cells, with an ellipsis when it had to cut.
func truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// padRight truncates or pads s to exactly width cells.
func padRight(s string, width int) string {
	s = truncate(s, width)
	if w := ansi.StringWidth(s); w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}

// padLeft truncates or pads s to exactly width cells, aligned right.
func padLeft(s string, width int) string {
	s = truncate(s, width)
	if w := ansi.StringWidth(s); w < width {
		s = strings.Repeat(" ", width-w) + s
	}
	return s
}

// styled renders text in style, and nothing at all for no text (a style renders "" as escape
// codes, which spread would count as something to show).
func styled(style lipgloss.Style, text string) string {
	if text == "" {
		return ""
	}
	return style.Render(text)
}

// hintRows lays inline key hints out in rows of width cells, three blanks apart, starting a
// new row rather than cutting one.
func hintRows(width int, hints ...string) string {
	var rows []string
	row := ""
	for _, h := range hints {
		switch {
		case row == "":
			row = h
		case ansi.StringWidth(row)+3+ansi.StringWidth(h) <= width:
			row += "   " + h
		default:
			rows, row = append(rows, row), h
		}
	}
	return strings.Join(append(rows, row), "\n")
}
