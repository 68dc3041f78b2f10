package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// noticeHint ends the storage notice in the header: where the rest of it is, and how it goes.
const noticeHint = " (? all, x dismisses)"

// header is the chrome above the body: who and where (brand, provider, environment, storage,
// version), the active area's line, the storage notice while there is one, and a rule.
type header struct {
	styles  Styles
	width   int
	env     string
	version string
	storage Storage // described on every draw: the storage in use can change
	clock   Clock   // its offset is shown on every draw while it is not zero; nil for none
	// presenter puts a badge by the brand: personal data is masked on screen.
	presenter bool
}

func newHeader(c common, env, version string, storage Storage) header {
	return header{styles: c.styles, width: c.width, env: env, version: version, storage: storage, presenter: c.mask.on}
}

// resize gives the header the width and styles of c.
func (h header) resize(c common) header {
	h.styles, h.width = c.styles, c.width
	return h
}

// height is the number of lines view draws with notice, in full or not.
func (h header) height(notice string, full bool) int {
	return 3 + len(h.noticeLines(notice, full))
}

// view draws the header with what the active area has to say and the storage notice: one
// line, or in full while the footer shows every key.
func (h header) view(ch chrome, notice string, full bool) string {
	st, w := h.styles, h.width
	sep := st.Sep.Render(" · ")
	parts := []string{st.Brand.Render("linkstep")}
	if h.presenter {
		parts[0] += " " + st.Presenter.Render("presenter")
	}
	if ch.provider != "" {
		parts = append(parts, st.Header.Render(ch.provider))
	}
	if h.env != "" {
		parts = append(parts, st.Header.Render(h.env))
	}
	if shift := clockText(h.clock); shift != "" {
		parts = append(parts, st.Shifted.Render(shift)) // before the storage, which may be cut
	}
	parts = append(parts, st.Header.Render("storage: "+h.storage.Describe()))
	lines := []string{
		spread(strings.Join(parts, sep), st.Version.Render(h.version), w),
		ch.where,
	}
	for _, l := range h.noticeLines(notice, full) {
		lines = append(lines, st.Notice.Render(l))
	}
	lines = append(lines, st.Rule.Render(strings.Repeat("─", w)))
	return strings.Join(lines, "\n")
}

// noticeLines is the storage notice: one line, cut with "…" when it is longer, the full text
// behind ?; in full, wrapped to the width.
func (h header) noticeLines(notice string, full bool) []string {
	if notice == "" {
		return nil
	}
	if full {
		return strings.Split(ansi.Wrap("⚠ "+notice+" (x dismisses)", max(10, h.width), " "), "\n")
	}
	line := "⚠ " + notice + " (x dismisses)"
	if ansi.StringWidth(line) <= h.width {
		return []string{line}
	}
	room := h.width - ansi.StringWidth(noticeHint)
	if room < 10 {
		return []string{truncate("⚠ "+notice, h.width)}
	}
	return []string{truncate("⚠ "+notice, room) + noticeHint}
}
