package ui

import (
	"context"
	"slices"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/providers/transcript"
)

// maxExchanges bounds the HTTP exchanges kept for the inspector.
const maxExchanges = 256

// Model is the root of the UI: it routes keys and messages, runs one journey at a time through
// the bridge, and shows the screen of the prompt in hand.
type Model struct {
	ctx     context.Context
	catalog catalog
	env     string
	storage Storage
	version string
	open    opener

	box      *mailbox
	com      common
	help     help.Model
	spin     spinner.Model
	spinning bool
	width    int
	height   int
	stack    []screen // the active screen last; never empty

	runs          int // journeys started so far; run ids count from 1
	run           journeyRun
	notice        string     // what probing the storage had to say, until dismissed
	status        statusLine // the journey's latest progress or warning
	exchanges     []transcript.Entry
	exchangeCount int
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
	c := common{styles: NewStyles(true), keys: DefaultKeyMap(), spinner: spinner.MiniDot, now: now}
	m := Model{
		ctx:     ctx,
		catalog: catalogOf(cfg.Journeys),
		env:     cfg.Environment,
		storage: storage,
		version: cfg.Version,
		open:    systemOpen,
		box:     newMailbox(),
		com:     c,
		help:    help.New(),
		spin:    spinner.New(spinner.WithSpinner(c.spinner), spinner.WithStyle(c.styles.Spinner)),
	}
	m.help.Styles = c.styles.Help
	m.stack = []screen{newPickerScreen(c, m.catalog.infos, "")}
	return m
}

// noStorage stands in when the UI is given no Storage.
type noStorage struct{}

func (noStorage) Describe() string             { return "none" }
func (noStorage) Probe(context.Context) string { return "" }

// Init asks for the terminal's background, probes the storage and starts listening to the
// journeys.
func (m Model) Init() tea.Cmd {
	return tea.Batch(
		tea.RequestBackgroundColor,
		probeStorage(m.ctx, m.storage),
		listenMailbox(m.ctx, m.box),
	)
}

// Update routes msg.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m.relayout(), nil
	case tea.BackgroundColorMsg:
		return m.restyle(msg.IsDark()), nil
	case tea.KeyPressMsg:
		return m.onKey(msg)
	case spinner.TickMsg:
		return m.onSpin(msg)
	case bridgeMsg:
		return m.onBridge(msg)
	case intent:
		return m.onIntent(msg)
	case signedInMsg:
		return m.onSignedIn(msg)
	case storageProbedMsg:
		m.notice = msg.notice
		return m.relayout(), nil
	}
	return m.updateScreen(msg)
}

// onKey handles the global keys and passes the others to the active screen.
func (m Model) onKey(k tea.KeyPressMsg) (Model, tea.Cmd) {
	keys, top := m.com.keys, m.top()
	switch {
	case key.Matches(k, keys.ForceQuit):
		return m.quit()
	case m.tooSmall():
		if !top.typing() && key.Matches(k, keys.Quit) {
			return m.quit()
		}
		return m, nil // nothing happens out of sight
	case key.Matches(k, keys.Back) && !top.ownsBack():
		return m.back()
	case top.typing():
		return m.updateScreen(k)
	case key.Matches(k, keys.Quit):
		return m.quit()
	case key.Matches(k, keys.Help):
		m.help.ShowAll = !m.help.ShowAll
		return m.relayout(), nil
	case key.Matches(k, keys.Dismiss) && m.notice != "":
		m.notice = ""
		return m.relayout(), nil
	}
	return m.updateScreen(k)
}

// onSpin moves the header's spinner while a journey runs, and lets it stop afterwards.
func (m Model) onSpin(msg spinner.TickMsg) (Model, tea.Cmd) {
	if msg.ID != m.spin.ID() {
		return m.updateScreen(msg)
	}
	if !m.run.active {
		m.spinning = false
		return m, nil
	}
	var cmd tea.Cmd
	m.spin, cmd = m.spin.Update(msg)
	return m, cmd
}

// onIntent does what a screen asked for.
func (m Model) onIntent(msg intent) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case answerMsg:
		return m.reply(reply{answer: msg.answer})
	case backMsg:
		return m.back()
	case startJourneyMsg:
		if j, ok := m.catalog.build(msg.id); ok {
			return m.start(j)
		}
		return m, nil
	case newJourneyMsg:
		return m.toPicker()
	case rerunMsg:
		return m.start(m.run.journey)
	case openLinkMsg:
		return m, openInBrowser(m.ctx, m.open, msg.url)
	case copyLinkMsg:
		return m, tea.SetClipboard(msg.text)
	case showSignInMsg:
		return m.showSignIn()
	case signInMsg:
		return m.signIn(msg)
	}
	return m, nil
}

// updateScreen passes msg to the active screen.
func (m Model) updateScreen(msg tea.Msg) (Model, tea.Cmd) {
	top, cmd := m.top().update(msg)
	m.stack = append(slices.Clone(m.stack[:len(m.stack)-1]), top)
	if m.bodyHeight() != m.com.height {
		m = m.relayout() // the footer's help changed height
	}
	return m, cmd
}

// top is the active screen.
func (m Model) top() screen { return m.stack[len(m.stack)-1] }

// show makes s the only screen.
func (m Model) show(s screen) Model {
	m.stack = []screen{s}
	return m.relayout()
}

// push puts s over the active screen.
func (m Model) push(s screen) Model {
	m.stack = append(slices.Clone(m.stack), s)
	return m.relayout()
}

// pop closes the active screen when another is under it.
func (m Model) pop() Model {
	if len(m.stack) > 1 {
		m.stack = slices.Clone(m.stack[:len(m.stack)-1])
	}
	return m.relayout()
}

// restyle switches the styles for a dark or light background.
func (m Model) restyle(isDark bool) Model {
	m.com.styles = NewStyles(isDark)
	m.help.Styles = m.com.styles.Help
	m.spin.Style = m.com.styles.Spinner
	return m.relayout()
}

// quit stops the journey in flight and ends the program.
func (m Model) quit() (Model, tea.Cmd) {
	m = m.stopRun()
	return m, tea.Quit
}

// withSpinner draws every spinner with sp; tests use a one-frame spinner for stable views.
func (m Model) withSpinner(sp spinner.Spinner) Model {
	m.com.spinner = sp
	m.spin.Spinner = sp
	return m.relayout()
}
