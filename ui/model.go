package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
)

// Model is the root of the UI: it draws the chrome (header and footer) around the active area,
// handles the global keys and the window, and routes every other message to the areas.
type Model struct {
	ctx     context.Context
	storage Storage // probed once, for the notice
	com     common  // the body's size, the styles and the keys
	width   int     // the terminal's
	height  int
	header  header
	footer  footer
	notice  string // what probing the storage had to say, until dismissed
	asking  bool   // q was pressed mid-journey: the quit confirmation is shown
	areas   router
	body    body // where the active area's view is scrolled to
}

// New returns the root model; ctx bounds every journey run.
func New(ctx context.Context, cfg Config) Model {
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	storage := cfg.Storage
	if storage == nil {
		storage = noStorage{}
	}
	c := common{styles: NewStyles(true), keys: DefaultKeyMap(), spinner: spinner.MiniDot, now: now, mask: masker{on: cfg.Presenter}}
	return Model{
		ctx:     ctx,
		storage: storage,
		com:     c,
		header:  newHeader(c, cfg.Environment, cfg.Version, storage).withClock(cfg.Clock),
		footer:  newFooter(c),
		areas:   areasFor(ctx, c, cfg),
		body:    newBody(c.keys),
	}
}

// noStorage stands in when the UI is given no Storage.
type noStorage struct{}

func (noStorage) Describe() string             { return "none" }
func (noStorage) Probe(context.Context) string { return "" }

// Init asks for the terminal's background, probes the storage and starts the areas.
func (m Model) Init() tea.Cmd {
	return tea.Batch(
		tea.RequestBackgroundColor,
		probeStorage(m.ctx, m.storage),
		m.areas.init(),
	)
}

// Update handles the window, the global keys and the storage notice, and routes the rest.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m.relayout(), nil
	case tea.BackgroundColorMsg:
		return m.restyle(msg.IsDark()), nil
	case tea.KeyPressMsg:
		return m.onKey(msg)
	case storageProbedMsg:
		m.notice = msg.notice
		return m.relayout(), nil
	case showAreaMsg:
		return m.showArea(msg)
	}
	return m.route(msg)
}

// onKey handles the global keys and routes the others to the active area.
func (m Model) onKey(k tea.KeyPressMsg) (Model, tea.Cmd) {
	keys, typing := m.com.keys, m.areas.current().typing()
	switch {
	case key.Matches(k, keys.ForceQuit):
		return m.quit()
	case m.asking:
		return m.onQuitAnswer(k)
	case m.tooSmall():
		if !typing && key.Matches(k, keys.Quit) {
			return m.quit()
		}
		return m, nil // nothing happens out of sight
	case typing:
		return m.routeKey(k)
	case key.Matches(k, keys.Quit) && m.areas.running():
		m.asking = true // a journey runs: ask before stopping it
		return m.relayout(), nil
	case key.Matches(k, keys.Quit):
		return m.quit()
	case key.Matches(k, keys.Help):
		m.footer = m.footer.toggleKeys()
		return m.relayout(), nil
	case key.Matches(k, keys.Dismiss) && m.notice != "":
		m.notice = ""
		return m.relayout(), nil
	case key.Matches(k, keys.Inspector) && m.areas.active != areaInspector:
		return m.openInspector()
	}
	return m.routeKey(k)
}

// onQuitAnswer answers the quit confirmation: y or enter quits, n or esc goes on; any other
// key is ignored while the question is shown.
func (m Model) onQuitAnswer(k tea.KeyPressMsg) (Model, tea.Cmd) {
	keys := m.com.keys
	switch {
	case key.Matches(k, keys.QuitYes):
		return m.quit()
	case key.Matches(k, keys.QuitNo):
		m.asking = false
		return m.relayout(), nil
	}
	return m, nil
}

// route passes msg to the areas, and fits the body again when the footer's height changed.
func (m Model) route(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	m.areas, cmd = m.areas.update(msg)
	m = m.followBody(isInput(msg))
	if m.bodyHeight() != m.com.height {
		m = m.relayout() // the active area's keys take more or fewer lines
	}
	return m, cmd
}

// restyle switches the styles for a dark or light background.
func (m Model) restyle(isDark bool) Model {
	m.com.styles = NewStyles(isDark)
	return m.relayout()
}

// quit stops what the areas run and ends the program.
func (m Model) quit() (Model, tea.Cmd) {
	m.areas = m.areas.stop()
	return m, tea.Quit
}

// withSpinner draws every spinner with sp; tests use a one-frame spinner for stable views.
func (m Model) withSpinner(sp spinner.Spinner) Model {
	m.com.spinner = sp
	return m.relayout()
}
