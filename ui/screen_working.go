package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// statusLine is the latest news of the journey: a Progress, or a Warning.
type statusLine struct {
	text string
	warn bool
}

// workingScreen is shown while the journey works between prompts.
type workingScreen struct {
	c    common
	spin spinner.Model
	step flows.StepStarted
	line statusLine
	note string // "↻ trying 'Exchange the code' again… (attempt 2)" while a step is retried
}

// newWorkingScreen returns the screen and the command that starts its spinner.
func newWorkingScreen(c common, step flows.StepStarted, line statusLine) (workingScreen, tea.Cmd) {
	w := workingScreen{
		c:    c,
		spin: spinner.New(spinner.WithSpinner(c.spinner), spinner.WithStyle(c.styles.Spinner)),
		step: step,
		line: line,
	}
	return w, w.spin.Tick
}

func (w workingScreen) kind() screenKind { return kindWorking }
func (w workingScreen) title() string    { return "Working" }
func (w workingScreen) typing() bool     { return false }
func (w workingScreen) ownsBack() bool   { return false }

func (w workingScreen) resize(c common) screen {
	w.c = c
	w.spin.Style = c.styles.Spinner
	return w
}

func (w workingScreen) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case spinner.TickMsg:
		var cmd tea.Cmd
		w.spin, cmd = w.spin.Update(msg)
		return w, cmd
	case tellMsg:
		switch ev := msg.event.(type) {
		case flows.Plan, flows.StepSkipped: // the rail shows them
		case flows.StepStarted:
			if ev.Title != w.step.Title {
				w.note = "" // the retried step is behind us
			}
			w.step = ev
		case flows.Progress:
			w.line = statusLine{text: ev.Message}
		case flows.Warning:
			w.line = statusLine{text: ev.Message, warn: true}
		case flows.HTTPExchange: // counted in the status line, not shown here
		}
	}
	return w, nil
}

func (w workingScreen) view() string {
	st, width := w.c.styles, w.c.width
	title := "Starting the journey"
	if w.step.Title != "" {
		title = w.step.Title
	}
	lines := []string{"  " + w.spin.View() + "  " + st.Big.Render(truncate(title, width-6))}
	if w.step.Automatic {
		lines = append(lines, "     "+st.RailNote.Render(truncate("automatic: no question, linkstep does it", width-5)))
	}
	if w.note != "" {
		lines = append(lines, "     "+st.Action.Render(truncate(w.note, width-5)))
	}
	switch {
	case w.line.text == "":
	case w.line.warn:
		lines = append(lines, "     "+st.Warn.Render(truncate("⚠ "+w.line.text, width-5)))
	default:
		lines = append(lines, "     "+st.Value.Render(truncate(w.line.text, width-5)))
	}
	intro := "The journey is talking to the provider; it will ask when it needs you."
	return page(st, width, w.title(), intro, strings.Join(lines, "\n"))
}

func (w workingScreen) ShortHelp() []key.Binding  { return []key.Binding{w.c.keys.Cancel} }
func (w workingScreen) FullHelp() [][]key.Binding { return [][]key.Binding{{w.c.keys.Cancel}} }
