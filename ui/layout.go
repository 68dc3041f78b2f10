package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// margin is the blank columns left and right of everything.
const margin = 1

// maxWidth is the widest the header, the body and the footer get: on a wider terminal they
// stand in a column of this width in the middle, where lines stay short enough to read.
const maxWidth = 104

// leftColumn is the blank columns left of everything: the margin, or on a wide terminal what
// centres the column.
func (m Model) leftColumn() int { return max(margin, (m.width-m.com.width)/2) }

// View draws the header, the active area and the footer.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "linkstep · " + m.windowTitle()
	return v
}

func (m Model) windowTitle() string {
	if m.tooSmall() {
		return "terminal too small"
	}
	return m.areas.current().title()
}

// tooSmall reports whether the terminal is smaller than the layout needs.
func (m Model) tooSmall() bool {
	return m.width < minWidth || m.height < minHeight
}

func (m Model) render() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	if m.tooSmall() {
		return tooSmall(m.com.styles, m.width, m.height)
	}
	a := m.areas.current()
	ch := m.chrome()
	if m.asking {
		ch.status = m.com.styles.Warn.Render(truncate(quitQuestion, m.com.width))
	}
	left := m.leftColumn()
	body := m.body.view(a.view(), m.com.width, m.com.height)
	if s, ok := a.(sideArea); ok {
		if side := s.side(m.com.height); side != "" {
			// The side column stands in the left margin; the centred column stays where it is.
			w := lipgloss.Width(side)
			body = indent(lipgloss.JoinHorizontal(lipgloss.Top, side, body), max(0, left-w))
			return indent(m.header.view(ch, m.notice, m.footer.allKeys()), left) + "\n" +
				body + "\n" + indent(m.footer.view(ch, m.footerKeys()), left)
		}
	}
	parts := []string{
		m.header.view(ch, m.notice, m.footer.allKeys()),
		body,
		m.footer.view(ch, m.footerKeys()),
	}
	return indent(strings.Join(parts, "\n"), left)
}

// sideArea is an area with a column to show left of the body when the terminal leaves room
// for it (the journey's step rail).
type sideArea interface {
	// side is the column, its gap to the body included, height lines tall; "" for none.
	side(height int) string
}

// relayout sizes the header and the footer to the terminal and gives the areas what is left.
func (m Model) relayout() Model {
	m.com.width = min(maxWidth, max(0, m.width-2*margin))
	m.com.side = max(0, (m.width-m.com.width)/2-margin)
	m.header = m.header.resize(m.com)
	m.footer = m.footer.resize(m.com)
	m.com.height = m.bodyHeight()
	m.areas = m.areas.resize(m.com)
	return m
}

// bodyHeight is what is left for the active area once header and footer are drawn.
func (m Model) bodyHeight() int {
	return max(0, m.height-m.header.height(m.notice, m.footer.allKeys())-m.footer.height(m.footerKeys()))
}

// quitQuestion is the quit confirmation, shown in the status line while a journey runs.
const quitQuestion = "Quit and stop the journey? y/enter quits, n/esc goes on"

// footerKeys are the active area's keys followed by the global ones; while the quit
// confirmation is shown, only its answers.
func (m Model) footerKeys() help.KeyMap {
	k, a := m.com.keys, m.areas.current()
	if m.asking {
		return quitKeys{yes: k.QuitYes, no: k.QuitNo}
	}
	var quit, global []key.Binding
	if !a.typing() {
		quit = append(quit, k.Quit)
	}
	switch {
	case a.typing():
	case m.footer.allKeys():
		global = append(global, withDesc(k.Help, "fewer keys"))
	default:
		global = append(global, k.Help)
	}
	if m.notice != "" {
		global = append(global, k.Dismiss)
	}
	return footerKeys{area: a, quit: quit, global: global}
}
