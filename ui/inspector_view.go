package ui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
)

const (
	// inspectorWide is the body width from which the list and the selected exchange are side
	// by side; narrower, one of them fills the pane and tab switches.
	inspectorWide = 96
	// inspectorGap is what separates the list from the detail when they are side by side.
	inspectorGap = " │ "
	// inspectorChrome is the pane's lines around its panels: a heading and a scroll hint.
	inspectorChrome = 2
)

// wide reports whether the list and the detail are side by side.
func (a inspectorArea) wide() bool { return a.c.width >= inspectorWide }

// widths are the list's and the detail's widths.
func (a inspectorArea) widths() (list, detail int) {
	if !a.wide() {
		return a.c.width, a.c.width
	}
	list = min(72, max(44, a.c.width*9/20))
	return list, a.c.width - list - len([]rune(inspectorGap))
}

// refresh lays out the list and the selected exchange again, keeping the selection in sight.
func (a inspectorArea) refresh() inspectorArea {
	lw, dw := a.widths()
	h := max(1, a.c.height-inspectorChrome)
	lines, first, last := a.listLines(lw)
	a.list = a.list.resize(lw, h).setContent(strings.Join(lines, "\n")).show(first, last)
	content := ""
	if x, ok := a.current(); ok {
		content = exchangeDetail(a.c.styles, a.c.mask, dw, x, a.revealed, a.c.now())
	}
	a.detail = a.detail.resize(dw, h).setContent(content)
	return a
}

// view draws the pane: side by side when wide, else the part that has the focus.
func (a inspectorArea) view() string {
	st := a.c.styles
	lw, dw := a.widths()
	listHead, detailHead := a.listHeading(lw), a.detailHeading(dw)
	if !a.wide() {
		head, body, hint := listHead, a.list.view(), a.list.hint()
		if a.focus == focusDetail {
			head, body, hint = detailHead, a.detail.view(), a.detail.hint()
		}
		return head + "\n" + body + "\n" + styled(st.Muted, hint)
	}
	gap := st.Rule.Render(inspectorGap)
	left, right := strings.Split(a.list.view(), "\n"), strings.Split(a.detail.view(), "\n")
	rows := []string{padRight(listHead, lw) + gap + detailHead}
	for i := range max(len(left), len(right)) {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		rows = append(rows, padRight(l, lw)+gap+r)
	}
	rows = append(rows, padRight(styled(st.Muted, a.list.hint()), lw)+strings.Repeat(" ", len([]rune(inspectorGap)))+styled(st.Muted, a.detail.hint()))
	return strings.Join(rows, "\n")
}

// listHeading names the list, and how many exchanges it holds.
func (a inspectorArea) listHeading(width int) string {
	text := fmt.Sprintf("HTTP exchanges · %d", len(a.exchanges))
	if a.total > len(a.exchanges) {
		text = fmt.Sprintf("HTTP exchanges · the latest %d of %d", len(a.exchanges), a.total)
	}
	return a.headingStyle(focusList).Render(truncate(text, width))
}

// detailHeading names the selected exchange's step and whether its secrets are shown.
func (a inspectorArea) detailHeading(width int) string {
	st := a.c.styles
	x, ok := a.current()
	if !ok {
		return a.headingStyle(focusDetail).Render(truncate("Exchange", width))
	}
	state := st.Muted.Render("masked · r reveals")
	if a.revealed {
		state = st.Warn.Render("⚠ secrets shown")
	}
	step := x.step
	if step == "" {
		step = "before the first step"
	}
	return spread(a.headingStyle(focusDetail).Render(truncate(fmt.Sprintf("#%d · %s", x.seq, step), width)), state, width)
}

// headingStyle is the title style for the part with the focus when both are shown.
func (a inspectorArea) headingStyle(f inspectorFocus) lipgloss.Style {
	if a.wide() && a.focus != f {
		return a.c.styles.Section
	}
	return a.c.styles.Title
}
