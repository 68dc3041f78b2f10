package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// margin is the blank columns left and right of everything.
const margin = 1

// View draws the header, the active screen, the latest news and the keys.
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
	return m.top().title()
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
	parts := []string{
		m.headerView(),
		fit(m.top().view(), m.com.width, m.com.height),
		m.statusView(),
		m.help.View(m.footerKeys()),
	}
	return indent(strings.Join(parts, "\n"), margin)
}

// relayout gives every screen the body's size.
func (m Model) relayout() Model {
	m.com.width = max(0, m.width-2*margin)
	m.help.SetWidth(m.com.width)
	m.com.height = m.bodyHeight()
	stack := make([]screen, len(m.stack))
	for i, s := range m.stack {
		stack[i] = s.resize(m.com)
	}
	m.stack = stack
	return m
}

// bodyHeight is what is left for the screen once header and footer are drawn.
func (m Model) bodyHeight() int {
	return max(0, m.height-m.headerHeight()-m.footerHeight())
}

func (m Model) headerHeight() int {
	return 3 + len(m.noticeLines())
}

// maxNoticeLines bounds the storage notice in the header.
const maxNoticeLines = 2

// noticeLines is the storage notice wrapped to the width, at most maxNoticeLines long.
func (m Model) noticeLines() []string {
	if m.notice == "" {
		return nil
	}
	lines := strings.Split(ansi.Wrap("⚠ "+m.notice+" (x dismisses)", max(10, m.com.width), " "), "\n")
	if len(lines) > maxNoticeLines {
		lines = lines[:maxNoticeLines]
		lines[maxNoticeLines-1] = truncate(lines[maxNoticeLines-1]+" …", m.com.width)
	}
	return lines
}

func (m Model) footerHeight() int {
	return 1 + lipgloss.Height(m.help.View(m.footerKeys()))
}

// headerView: who, where and storage; the step; the storage notice; a rule.
func (m Model) headerView() string {
	st, w := m.com.styles, m.com.width
	sep := st.Sep.Render(" · ")
	parts := []string{st.Brand.Render("linkstep")}
	if p := m.headerProvider(); p != "" {
		parts = append(parts, st.Header.Render(p))
	}
	if m.env != "" {
		parts = append(parts, st.Header.Render(m.env))
	}
	parts = append(parts, st.Header.Render("storage: "+m.storage.Describe()))
	lines := []string{
		spread(strings.Join(parts, sep), st.Version.Render(m.version), w),
		m.stepLine(),
	}
	for _, l := range m.noticeLines() {
		lines = append(lines, st.Notice.Render(l))
	}
	lines = append(lines, st.Rule.Render(strings.Repeat("─", w)))
	return strings.Join(lines, "\n")
}

// headerProvider is the provider of the journey in flight, or of the one highlighted.
func (m Model) headerProvider() string {
	if p, ok := m.top().(pickerScreen); ok {
		if j, ok := highlighted(p); ok {
			return j.provider
		}
	}
	return m.run.provider
}

// waiting reports whether the UI waits on the journey (rather than the journey on the user).
func (m Model) waiting() bool {
	return m.run.active && (m.run.pending == nil || m.run.signingIn)
}

// stepLine says where the journey is: "step 3 of 5 · Sign in at the bank".
func (m Model) stepLine() string {
	st, w, step := m.com.styles, m.com.width, m.run.step
	where := fmt.Sprintf("step %d of %d · %s", step.Index, step.Total, step.Title)
	switch {
	case m.run.active:
		if step.Total == 0 {
			where = "starting " + m.run.journey.Title()
		}
		line := st.Step.Render(where)
		if m.waiting() && m.top().kind() != kindWorking {
			line += "  " + m.spin.View()
		}
		return truncate(line, w)
	case m.run.outcome == outcomeSucceeded:
		return st.Success.Render(truncate(fmt.Sprintf("done · all %d steps", step.Total), w))
	case m.run.outcome == outcomeFailed && step.Total > 0:
		return st.Error.Render(truncate("stopped at "+where, w))
	case m.run.outcome == outcomeFailed:
		return st.Error.Render(truncate("stopped before the first step", w))
	default:
		return st.Muted.Render(truncate("pick a journey to start", w))
	}
}

// statusView is the journey's latest news and the count of HTTP exchanges.
func (m Model) statusView() string {
	st, w := m.com.styles, m.com.width
	var left, right string
	switch {
	case m.status.text == "" || m.top().kind() == kindWorking: // the working screen shows it
	case m.status.warn:
		left = st.Warn.Render("⚠ " + m.status.text)
	default:
		left = st.Status.Render(m.status.text)
	}
	if m.exchangeCount > 0 {
		noun := "exchanges"
		if m.exchangeCount == 1 {
			noun = "exchange"
		}
		right = st.Muted.Render(fmt.Sprintf("%d HTTP %s", m.exchangeCount, noun))
	}
	return spread(left, right, w)
}

// footerKeys are the active screen's keys followed by the global ones.
func (m Model) footerKeys() help.KeyMap {
	k := m.com.keys
	var global []key.Binding
	if !m.top().typing() {
		global = append(global, k.Quit)
	}
	switch {
	case m.top().typing():
	case m.help.ShowAll:
		global = append(global, withDesc(k.Help, "fewer keys"))
	default:
		global = append(global, k.Help)
	}
	if m.notice != "" {
		global = append(global, k.Dismiss)
	}
	return footerKeys{screen: m.top(), global: global}
}

// footerKeys is the help.KeyMap of the footer.
type footerKeys struct {
	screen help.KeyMap
	global []key.Binding
}

// ShortHelp is the screen's short help, then the global keys.
func (f footerKeys) ShortHelp() []key.Binding {
	return append(f.screen.ShortHelp(), f.global...)
}

// FullHelp is the screen's full help, then a column of global keys.
func (f footerKeys) FullHelp() [][]key.Binding {
	return append(f.screen.FullHelp(), f.global)
}
