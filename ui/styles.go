package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// Styles holds every style the UI draws with; it is built once per background by NewStyles.
type Styles struct {
	// Header and chrome.
	Brand   lipgloss.Style // "linkstep"
	Header  lipgloss.Style // provider, environment, storage
	Sep     lipgloss.Style // the " · " between header parts
	Version lipgloss.Style
	Step    lipgloss.Style // "step 3 of 5 · Sign in at the bank"
	Rule    lipgloss.Style // the line under the header
	Notice  lipgloss.Style // the storage notice banner
	Status  lipgloss.Style // the latest progress line
	Spinner lipgloss.Style

	// Screen content.
	Title   lipgloss.Style // a screen's title
	Intro   lipgloss.Style // the sentence under a title
	Section lipgloss.Style // a heading inside a screen
	Label   lipgloss.Style // the left column of a label/value table
	Value   lipgloss.Style
	Muted   lipgloss.Style
	Bullet  lipgloss.Style
	Link    lipgloss.Style
	Key     lipgloss.Style // an inline key hint such as "o"
	Action  lipgloss.Style // what an inline key does
	Note    lipgloss.Style // a passing remark, e.g. "copied (OSC 52)"
	Success lipgloss.Style
	Done    lipgloss.Style // the success banner of the result screen
	Warn    lipgloss.Style
	Error   lipgloss.Style
	Failed  lipgloss.Style // the headline of the failure screen
	Lapsed  lipgloss.Style // a consent past the re-auth window: red, dimmed
	Shifted lipgloss.Style // the header's "clock +85d" while the demo clock is moved
	// Presenter is the header's "presenter" badge: personal data is masked on screen.
	Presenter lipgloss.Style
	Panel     lipgloss.Style // a framed box, e.g. around the paste input
	Card      lipgloss.Style // a result card's frame
	CardBank  lipgloss.Style // the bank at the top of a result card
	Cursor    lipgloss.Style // the "›" in front of the selected row
	Selected  lipgloss.Style // the selected row's main text
	Row       lipgloss.Style // an unselected row's main text
	RowDim    lipgloss.Style // a row's secondary text
	ColHead   lipgloss.Style // column headings above a list
	Big       lipgloss.Style // the working screen's step title
	Differs   lipgloss.Style // the tag of a claim that differs from what the bank verified
	Mismatch  lipgloss.Style // a claimed value that differs from the verified one
	Alert     lipgloss.Style // a fraud check that calls for a closer look

	// The step rail.
	RailDone     lipgloss.Style // ✓ of a step done
	RailCurrent  lipgloss.Style // the step running or waiting on the user
	RailUpcoming lipgloss.Style // ○ of a step to come
	RailSkipped  lipgloss.Style // a step skipped, with its reason
	RailNote     lipgloss.Style // "automatic", "skipped: one bank offered"
	RailColumn   lipgloss.Style // the rail's column on wide terminals, ruled on its right

	// Styles handed to bubbles.
	Help   help.Styles
	List   list.Styles
	Input  textinput.Styles
	Filter textinput.Styles
}

// NewStyles returns the styles for a dark or a light terminal background.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	var (
		accent  = ld(lipgloss.Color("#5A4FCF"), lipgloss.Color("#9D8CFF"))
		text    = ld(lipgloss.Color("#1F1F24"), lipgloss.Color("#E4E4EA"))
		muted   = ld(lipgloss.Color("#7A7A85"), lipgloss.Color("#8A8A96"))
		faint   = ld(lipgloss.Color("#C8C8D0"), lipgloss.Color("#3E3E48"))
		success = ld(lipgloss.Color("#17803D"), lipgloss.Color("#5FD38D"))
		warn    = ld(lipgloss.Color("#A15C00"), lipgloss.Color("#F2B950"))
		danger  = ld(lipgloss.Color("#B42318"), lipgloss.Color("#FF7B72"))
		link    = ld(lipgloss.Color("#1D5FBF"), lipgloss.Color("#7CB7FF"))
	)
	base := lipgloss.NewStyle()
	s := Styles{
		Brand:   base.Foreground(accent).Bold(true),
		Header:  base.Foreground(text),
		Sep:     base.Foreground(muted),
		Version: base.Foreground(muted),
		Step:    base.Foreground(accent),
		Rule:    base.Foreground(faint),
		Notice:  base.Foreground(warn),
		Status:  base.Foreground(muted),
		Spinner: base.Foreground(accent),

		Title:     base.Foreground(accent).Bold(true),
		Intro:     base.Foreground(muted),
		Section:   base.Foreground(text).Bold(true),
		Label:     base.Foreground(muted),
		Value:     base.Foreground(text),
		Muted:     base.Foreground(muted),
		Bullet:    base.Foreground(accent),
		Link:      base.Foreground(link).Underline(true),
		Key:       base.Foreground(accent).Bold(true),
		Action:    base.Foreground(text),
		Note:      base.Foreground(success),
		Success:   base.Foreground(success).Bold(true),
		Done:      base.Foreground(ld(lipgloss.Color("#FFFFFF"), lipgloss.Color("#0B1F12"))).Background(success).Bold(true).Padding(0, 1),
		Warn:      base.Foreground(warn),
		Error:     base.Foreground(danger),
		Failed:    base.Foreground(danger).Bold(true),
		Lapsed:    base.Foreground(danger).Faint(true),
		Shifted:   base.Foreground(warn).Bold(true),
		Presenter: base.Foreground(ld(lipgloss.Color("#FFFFFF"), lipgloss.Color("#1A1433"))).Background(accent).Bold(true).Padding(0, 1),
		Panel:     base.Border(lipgloss.RoundedBorder()).BorderForeground(faint).Padding(0, 1),
		Card:      base.Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
		CardBank:  base.Foreground(text).Bold(true),
		Cursor:    base.Foreground(accent).Bold(true),
		Selected:  base.Foreground(accent).Bold(true),
		Row:       base.Foreground(text),
		RowDim:    base.Foreground(muted),
		ColHead:   base.Foreground(muted).Underline(true),
		Big:       base.Foreground(text).Bold(true),
		Differs:   base.Foreground(ld(lipgloss.Color("#FFFFFF"), lipgloss.Color("#2A0A08"))).Background(danger).Bold(true).Padding(0, 1),
		Mismatch:  base.Foreground(danger).Bold(true).Underline(true),
		Alert:     base.Foreground(warn).Bold(true),

		RailDone:     base.Foreground(success),
		RailCurrent:  base.Foreground(accent).Bold(true),
		RailUpcoming: base.Foreground(muted),
		RailSkipped:  base.Foreground(muted).Strikethrough(true),
		RailNote:     base.Foreground(muted).Italic(true),
		RailColumn:   base.Border(lipgloss.NormalBorder(), false, true, false, false).BorderForeground(faint).PaddingRight(1),
	}

	s.Help = help.DefaultStyles(isDark)
	s.Help.ShortKey = base.Foreground(accent)
	s.Help.FullKey = base.Foreground(accent)

	s.Input = textinput.DefaultStyles(isDark)
	s.Input.Focused.Prompt = base.Foreground(accent)
	s.Input.Blurred.Prompt = base.Foreground(muted)
	s.Input.Cursor.Color = accent
	s.Input.Cursor.Blink = false
	s.Input.Focused.Placeholder = base.Foreground(muted).Italic(true) // italic: a hint, not a value, without colours too
	s.Input.Blurred.Placeholder = s.Input.Focused.Placeholder

	s.Filter = s.Input
	s.Filter.Focused.Prompt = base.Foreground(accent).Bold(true)

	s.List = list.DefaultStyles(isDark)
	s.List.StatusBar = base.Foreground(muted).Padding(0, 0, 1, 0)
	s.List.StatusEmpty = base.Foreground(muted)
	s.List.StatusBarFilterCount = base.Foreground(muted)
	s.List.NoItems = base.Foreground(muted)
	s.List.PaginationStyle = base.PaddingLeft(2)
	s.List.ActivePaginationDot = base.Foreground(accent).SetString("•")
	s.List.InactivePaginationDot = base.Foreground(faint).SetString("◦") // tells the page without colours too
	s.List.DividerDot = base.Foreground(muted).SetString(" · ")
	s.List.ArabicPagination = base.Foreground(muted)
	return s
}
