package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// cardTop is the top of a result card: the bank and the outcome on one line, the journey
// under them.
type cardTop struct {
	bank    string
	outcome string // "✓ complete", "✗ 2 claims differ"
	bad     bool   // the outcome calls for a closer look
	journey string
}

// resultCard frames sections in a bordered card width wide: the head, a rule, then the
// sections a blank line apart. It is at least height lines tall, so the card uses the room
// the window gives it.
func resultCard(st Styles, width, height int, top cardTop, sections ...string) string {
	inner := cardInner(st, width)
	outcome := st.Done.Render(top.outcome)
	if top.bad {
		outcome = st.Differs.Render(top.outcome)
	}
	bank := top.bank
	if bank == "" {
		bank = "—"
	}
	lines := []string{
		spread(st.CardBank.Render(bank), outcome, inner),
		st.Muted.Render(truncate(top.journey, inner)),
		st.Rule.Render(strings.Repeat("─", inner)),
	}
	var kept []string
	for _, s := range sections {
		if s != "" {
			kept = append(kept, s)
		}
	}
	body := strings.Join(lines, "\n") + "\n" + strings.Join(kept, "\n\n")
	card := st.Card.Width(width)
	if h := height - st.Card.GetVerticalFrameSize(); h > strings.Count(body, "\n")+1 {
		card = card.Height(height)
	}
	return card.Render(body)
}

// cardInner is the width inside a card width wide.
func cardInner(st Styles, width int) int {
	return max(10, width-st.Card.GetHorizontalFrameSize())
}

// spacedTable is table with a blank line between rows when spacious: verified fields a room
// can read from the back.
func spacedTable(st Styles, width, labelWidth int, fields []field, spacious bool) string {
	if !spacious {
		return tableWith(st, width, labelWidth, fields)
	}
	rows := make([]string, len(fields))
	for i, f := range fields {
		rows[i] = tableWith(st, width, labelWidth, []field{f})
	}
	return strings.Join(rows, "\n\n")
}

// sectionText is a section: its heading, a note beside it in muted, then its body.
func sectionText(st Styles, width int, heading, note, body string) string {
	head := st.Section.Render(heading)
	if note != "" {
		head += st.Muted.Render(truncate("  "+note, max(0, width-ansi.StringWidth(heading))))
	}
	return head + "\n" + body
}
