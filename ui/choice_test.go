package ui

import (
	"slices"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

func TestCatalogOf(t *testing.T) {
	first, other := (&script{}).journey(), otherJourney()
	c := catalogOf(built(first, other))
	want := []journeyInfo{
		{id: "truelayer/signup-plus", provider: "TrueLayer", title: "TrueLayer Signup+", summary: first.summary},
		{id: "oneid/identity", provider: "TrueLayer", title: "OneID identity", summary: other.summary},
	}
	if !slices.Equal(c.infos, want) {
		t.Errorf("infos = %+v, want %+v", c.infos, want)
	}
	tests := []struct {
		id   string
		want flows.Journey
	}{
		{id: "truelayer/signup-plus", want: first},
		{id: "oneid/identity", want: other},
		{id: "ivy/data-session", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			j, err := c.journey(tt.id)
			if (err == nil) != (tt.want != nil) || j != tt.want {
				t.Errorf("journey(%q) = (%v, %v), want %v", tt.id, j, err, tt.want)
			}
		})
	}
}

// pressAll sends keys to s one at a time and returns the screen and the last command.
func pressAll(s screen, keys ...tea.KeyPressMsg) (screen, tea.Cmd) {
	var cmd tea.Cmd
	for _, k := range keys {
		s, cmd = s.update(k)
	}
	return s, cmd
}

func TestChoiceScreenChoosing(t *testing.T) {
	bank := func() screen { return newBankScreen(benchCommon(), flows.ChooseBank{Banks: testBanks()}) }
	picker := func() screen {
		return newPickerScreen(benchCommon(), catalogOf(built((&script{}).journey(), otherJourney())).infos, "oneid/identity")
	}
	tests := []struct {
		name   string
		screen func() screen
		keys   []tea.KeyPressMsg
		want   tea.Msg // nil: enter does nothing
	}{
		{name: "bank: enter answers with the highlighted bank", screen: bank, keys: []tea.KeyPressMsg{down, enter},
			want: answerMsg{answer: flows.BankChoice{ID: "ob-lloyds"}}},
		{name: "bank: the filter narrows what enter chooses", screen: bank, keys: []tea.KeyPressMsg{char('/'), char('m'), char('o'), char('n'), enter, enter},
			want: answerMsg{answer: flows.BankChoice{ID: "ob-monzo"}}},
		{name: "bank: enter on no match does nothing", screen: bank, keys: []tea.KeyPressMsg{char('/'), char('z'), char('z'), char('z'), enter, enter}},
		{name: "picker: the last journey is highlighted", screen: picker, keys: []tea.KeyPressMsg{enter},
			want: startJourneyMsg{id: "oneid/identity"}},
		{name: "picker: / does not filter", screen: picker, keys: []tea.KeyPressMsg{char('/'), char('z'), enter},
			want: startJourneyMsg{id: "oneid/identity"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, cmd := pressAll(tt.screen(), tt.keys...)
			var got tea.Msg
			if cmd != nil {
				got = cmd()
			}
			if got != tt.want {
				t.Errorf("the last key sent %#v, want %#v", got, tt.want)
			}
		})
	}
}
