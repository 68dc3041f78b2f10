package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
)

// revealQuestion is the reveal confirmation, shown in the status line.
const revealQuestion = "Show secrets of this exchange on screen? y/n"

// chrome is the pane's status (the reveal question, or its latest note) and which exchange
// is selected; the root shows the journey's step and provider around it.
func (a inspectorArea) chrome() chrome {
	st := a.c.styles
	ch := chrome{where: st.Step.Render("HTTP inspector")}
	switch {
	case a.asking:
		ch.status = st.Warn.Render(truncate(revealQuestion, a.c.width))
	case a.note.warn:
		ch.status = st.Warn.Render(truncate("⚠ "+a.note.text, a.c.width))
	case a.note.text != "":
		ch.status = st.Note.Render(truncate(a.note.text, a.c.width))
	}
	if i := a.index(); i >= 0 {
		ch.counter = st.Muted.Render(fmt.Sprintf("exchange %d of %d", i+1, len(a.exchanges)))
	}
	return ch
}

// ShortHelp is the answers to the reveal question while it is shown, else the pane's keys.
func (a inspectorArea) ShortHelp() []key.Binding {
	k := a.c.keys
	if a.asking {
		return []key.Binding{k.RevealYes, k.RevealNo}
	}
	keys := []key.Binding{a.arrows()}
	if len(a.exchanges) > 0 {
		keys = append(keys, k.Focus, a.revealKey(), k.CopyCurl, k.SaveHAR)
	}
	return append(keys, a.closeKey())
}

// FullHelp is the pane's keys in columns.
func (a inspectorArea) FullHelp() [][]key.Binding {
	k := a.c.keys
	if a.asking {
		return [][]key.Binding{a.ShortHelp()}
	}
	return [][]key.Binding{
		{a.arrows(), withDesc(k.PageDown, "scroll exchange"), k.PageUp, k.Focus},
		{a.revealKey(), k.CopyCurl, k.SaveHAR, a.closeKey()},
	}
}

// arrows says what ↑/↓ do with the focus where it is.
func (a inspectorArea) arrows() key.Binding {
	if a.focus == focusList {
		return withDesc(a.c.keys.Scroll, "choose")
	}
	return a.c.keys.Scroll
}

// revealKey is r, which masks again once the secrets are shown.
func (a inspectorArea) revealKey() key.Binding {
	if a.revealed {
		return withDesc(a.c.keys.Reveal, "mask")
	}
	return a.c.keys.Reveal
}

// closeKey is esc, which closes the pane (as i does).
func (a inspectorArea) closeKey() key.Binding { return withDesc(a.c.keys.Back, "close") }
