package ui

import (
	"slices"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// fakeArea records the messages it is given.
type fakeArea struct {
	name string
	got  []tea.Msg
}

func (a fakeArea) init() tea.Cmd             { return nil }
func (a fakeArea) view() string              { return a.name }
func (a fakeArea) resize(common) area        { return a }
func (a fakeArea) title() string             { return a.name }
func (a fakeArea) typing() bool              { return false }
func (a fakeArea) chrome() chrome            { return chrome{} }
func (a fakeArea) stop() area                { return a }
func (a fakeArea) running() bool             { return false }
func (a fakeArea) ShortHelp() []key.Binding  { return nil }
func (a fakeArea) FullHelp() [][]key.Binding { return nil }
func (a fakeArea) update(msg tea.Msg) (area, tea.Cmd) {
	a.got = append(slices.Clone(a.got), msg)
	return a, nil
}

func TestRouter(t *testing.T) {
	type news struct{}
	tests := []struct {
		name       string
		msg        tea.Msg
		toInactive bool
	}{
		{name: "a key goes to the active area only", msg: char('j')},
		{name: "a paste goes to the active area only", msg: tea.PasteMsg{Content: "x"}},
		{name: "any other message goes to every area", msg: news{}, toInactive: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRouter(fakeArea{name: "active"}, fakeArea{name: "other"})
			r, _ = r.update(tt.msg)
			if got := r.get(0).(fakeArea).got; !slices.Equal(got, []tea.Msg{tt.msg}) {
				t.Errorf("the active area got %v, want %v", got, tt.msg)
			}
			if got := len(r.get(1).(fakeArea).got) == 1; got != tt.toInactive {
				t.Errorf("the other area got %v; want it to get the message: %v", r.get(1).(fakeArea).got, tt.toInactive)
			}
		})
	}
	t.Run("set leaves the router it came from alone", func(t *testing.T) {
		r := newRouter(fakeArea{name: "a"})
		_ = r.set(areaJourney, fakeArea{name: "b"})
		if got := r.current().title(); got != "a" {
			t.Errorf("the original router's area is %q, want a", got)
		}
	})
}
