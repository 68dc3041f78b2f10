package ui

import (
	"strconv"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/linkstep/linkstep/flows"
)

// signupPlan is the plan of a Signup+-like journey: two automatic steps among the questions.
func signupPlan() flows.Plan {
	return flows.Plan{Steps: []flows.PlannedStep{
		{Title: "Choose a bank"}, {Title: "Review consent"}, {Title: "Sign in at the bank"},
		{Title: "Exchange the code", Automatic: true}, {Title: "Read the identity", Automatic: true},
		{Title: "Choose an account"},
	}}
}

// railSummary is each row of r as "state number title", for comparing.
func railSummary(r rail) []string {
	var out []string
	for _, row := range r.rows() {
		out = append(out, row.step.state.String()+" "+itoa(row.number)+" "+row.step.title)
	}
	return out
}

// itoa is n, or "-" for no number.
func itoa(n int) string {
	if n == 0 {
		return "-"
	}
	return strconv.Itoa(n)
}

func TestRailNumbersTheStepsTheUserSees(t *testing.T) {
	started := func(i int, title string) flows.StepStarted {
		return flows.StepStarted{Index: i, Total: 6, Title: title}
	}
	tests := []struct {
		name   string
		events []flows.Event
		want   []string
		where  string // railWhere without styles
	}{
		{
			name:   "a skipped step is not numbered",
			events: []flows.Event{signupPlan(), started(1, "Choose a bank"), flows.StepSkipped{Index: 1, Reason: "one bank offered"}, started(2, "Review consent")},
			want: []string{"skipped - Choose a bank", "current 1 Review consent", "upcoming 2 Sign in at the bank",
				"upcoming 3 Exchange the code", "upcoming 4 Read the identity", "upcoming 5 Choose an account"},
			where: "step 1 of 5 · Review consent",
		},
		{
			name: "going back makes the later steps upcoming again",
			events: []flows.Event{signupPlan(), started(1, "Choose a bank"), started(2, "Review consent"), started(3, "Sign in at the bank"),
				started(2, "Review consent")},
			want: []string{"done 1 Choose a bank", "current 2 Review consent", "upcoming 3 Sign in at the bank",
				"upcoming 4 Exchange the code", "upcoming 5 Read the identity", "upcoming 6 Choose an account"},
			where: "step 2 of 6 · Review consent",
		},
		{
			name: "an automatic step says so",
			events: []flows.Event{signupPlan(), started(1, "Choose a bank"), flows.StepSkipped{Index: 1, Reason: "one bank offered"},
				started(2, "Review consent"), started(3, "Sign in at the bank"), flows.StepStarted{Index: 4, Total: 6, Title: "Exchange the code", Automatic: true}},
			want: []string{"skipped - Choose a bank", "done 1 Review consent", "done 2 Sign in at the bank",
				"current 3 Exchange the code", "upcoming 4 Read the identity", "upcoming 5 Choose an account"},
			where: "step 3 of 5 · Exchange the code (automatic)",
		},
		{
			name: "a plan inside a step hangs under it",
			events: []flows.Event{
				flows.Plan{Steps: []flows.PlannedStep{{Title: "Identify the user"}, {Title: "Choose an account"}}},
				flows.StepStarted{Index: 1, Total: 2, Title: "Identify the user"},
				flows.StepStarted{Index: 2, Total: 2, Title: "Choose an account"},
				flows.Plan{Level: 1, Steps: []flows.PlannedStep{{Title: "Describe the user"}, {Title: "Sign in at the bank"}}},
				flows.StepStarted{Level: 1, Index: 1, Total: 2, Title: "Describe the user"},
			},
			want:  []string{"done 1 Identify the user", "current - Choose an account", "current 2 Describe the user", "upcoming 3 Sign in at the bank"},
			where: "step 2 of 3 · Describe the user",
		},
	}
	st := NewStyles(true)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r rail
			for _, ev := range tt.events {
				before := railSummary(r)
				next := r.apply(ev)
				if after := railSummary(r); len(before) != len(after) {
					t.Fatalf("apply changed the rail it was called on")
				}
				r = next
			}
			got := railSummary(r)
			if len(got) != len(tt.want) {
				t.Fatalf("rows %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("rows %q, want %q", got, tt.want)
				}
			}
			if where := ansi.Strip(railWhere(st, r, r.rows(), railRunning)); where != tt.where {
				t.Fatalf("where %q, want %q", where, tt.where)
			}
		})
	}
}

// TestStepRailScreens renders the rail of a journey whose bank step was skipped, while its
// automatic step runs: a column in the margin at 200×50, one line in the header at 120×30,
// 100×30 and 60×16, and every step done once the journey completed.
func TestStepRailScreens(t *testing.T) {
	tests := []struct {
		name          string
		width, height int
		done          bool
	}{
		{name: "working-200x50", width: 200, height: 50},
		{name: "working-120x30", width: 120, height: 30},
		{name: "working-100x30", width: 100, height: 30},
		{name: "working-60x16", width: 60, height: 16},
		{name: "done-200x50", width: 200, height: 50, done: true},
		{name: "done-100x30", width: 100, height: 30, done: true},
		{name: "done-60x16", width: 60, height: 16, done: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{oneBank: true, accounts: testAccounts(1)}
			if !tt.done {
				s.gate = make(chan struct{})
				t.Cleanup(func() { close(s.gate) })
			}
			h := start(t, s.journey())
			h.press(enter)
			h.waitTitle("Review consent")
			h.press(enter)
			h.waitTitle("Open the auth link")
			h.press(char('s'))
			h.waitTitle("Sign in to the mock bank")
			h.press(enter)
			want := kindWorking
			if tt.done {
				h.waitTitle("Choose an account")
				h.press(enter)
				h.waitTitle("Connected")
				want = kindResult
			} else {
				h.waitText("exchanging")
			}
			h.tm.Send(tea.WindowSizeMsg{Width: tt.width, Height: tt.height})
			m := h.final()
			requireKind(t, m, want)
			golden.RequireEqual(t, []byte(screenText(m)))
		})
	}
}
