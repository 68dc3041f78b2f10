package ui

import (
	"fmt"
	"slices"

	"github.com/linkstep/linkstep/flows"
)

// stepState is where one step of the rail stands.
type stepState int

const (
	stepUpcoming stepState = iota
	stepCurrent
	stepDone
	stepSkipped
)

// String names the state.
func (s stepState) String() string {
	switch s {
	case stepUpcoming:
		return "upcoming"
	case stepCurrent:
		return "current"
	case stepDone:
		return "done"
	case stepSkipped:
		return "skipped"
	default:
		return fmt.Sprintf("stepstate(%d)", int(s))
	}
}

// railStep is one step of a plan as the rail shows it.
type railStep struct {
	title     string
	automatic bool
	state     stepState
	reason    string // why it was skipped
}

// railLevel is one plan: the journey's own steps, or those of a journey run inside one of the
// steps of the level above.
type railLevel struct {
	steps []railStep
	at    int // the step started last, -1 before the first; a level below hangs under it
}

// rail is every step of the journey in flight, built from the engine's Plan, StepStarted and
// StepSkipped events. Its methods return a new rail and never change the one they are called
// on, so copies of the model stay independent.
type rail struct {
	levels []railLevel
}

// planned reports whether the journey told its plan yet.
func (r rail) planned() bool { return len(r.levels) > 0 }

// apply returns the rail after ev; events that say nothing about steps leave it as it is.
func (r rail) apply(ev flows.Event) rail {
	switch ev := ev.(type) {
	case flows.Plan:
		return r.plan(ev)
	case flows.StepStarted:
		return r.started(ev)
	case flows.StepSkipped:
		return r.skipped(ev)
	case flows.Progress, flows.Warning, flows.HTTPExchange:
	}
	return r
}

// plan replaces the plan at ev.Level and drops those below it.
func (r rail) plan(ev flows.Plan) rail {
	if ev.Level > len(r.levels) {
		return r // a level whose parent was never told
	}
	level := railLevel{steps: make([]railStep, len(ev.Steps)), at: -1}
	for i, s := range ev.Steps {
		level.steps[i] = railStep{title: s.Title, automatic: s.Automatic}
	}
	return rail{levels: append(r.cloneLevels(ev.Level), level)}
}

// started makes the step current: those before it that were current are done, and those after
// it are upcoming again (going back, they will run again). Levels below it are dropped.
func (r rail) started(ev flows.StepStarted) rail {
	i := ev.Index - 1
	if ev.Level >= len(r.levels) || i < 0 || i >= len(r.levels[ev.Level].steps) {
		return r
	}
	out := rail{levels: r.cloneLevels(ev.Level + 1)}
	level := &out.levels[ev.Level]
	for j := range level.steps {
		s := &level.steps[j]
		switch {
		case j < i && s.state == stepCurrent:
			s.state = stepDone
		case j == i:
			s.state, s.reason = stepCurrent, ""
		case j > i:
			s.state, s.reason = stepUpcoming, ""
		}
	}
	level.at = i
	return out
}

// skipped marks the step skipped, with its reason.
func (r rail) skipped(ev flows.StepSkipped) rail {
	i := ev.Index - 1
	if ev.Level >= len(r.levels) || i < 0 || i >= len(r.levels[ev.Level].steps) {
		return r
	}
	out := rail{levels: r.cloneLevels(len(r.levels))}
	s := &out.levels[ev.Level].steps[i]
	s.state, s.reason = stepSkipped, ev.Reason
	return out
}

// finished marks every current step done: the journey completed.
func (r rail) finished() rail {
	out := rail{levels: r.cloneLevels(len(r.levels))}
	for l := range out.levels {
		for i := range out.levels[l].steps {
			if s := &out.levels[l].steps[i]; s.state == stepCurrent {
				s.state = stepDone
			}
		}
	}
	return out
}

// cloneLevels copies the first n levels, steps included.
func (r rail) cloneLevels(n int) []railLevel {
	n = min(n, len(r.levels))
	out := make([]railLevel, n, n+1)
	for i := range n {
		out[i] = railLevel{steps: slices.Clone(r.levels[i].steps), at: r.levels[i].at}
	}
	return out
}

// railRow is one line of the flattened rail: a step, at its depth, numbered when the user
// sees it (skipped steps and steps that hold a level below are not numbered).
type railRow struct {
	step   railStep
	depth  int
	number int  // 0 for none
	group  bool // holds the steps of the level below, listed after it
}

// rows flattens the levels: each level's steps in order, the level below listed under the
// step it runs in. Numbers count the steps a user sees: neither skipped steps nor groups.
func (r rail) rows() []railRow {
	var rows []railRow
	var walk func(l int)
	walk = func(l int) {
		level := r.levels[l]
		for i, s := range level.steps {
			nested := i == level.at && l+1 < len(r.levels)
			rows = append(rows, railRow{step: s, depth: l, group: nested})
			if nested {
				walk(l + 1)
			}
		}
	}
	if r.planned() {
		walk(0)
	}
	n := 0
	for i := range rows {
		if !rows[i].group && rows[i].step.state != stepSkipped {
			n++
			rows[i].number = n
		}
	}
	return rows
}

// position is the current step's row and the number of steps the user sees; ok is false when
// no step is current.
func (r rail) position(rows []railRow) (current railRow, total int, ok bool) {
	for _, row := range rows {
		if row.number > 0 {
			total = row.number
		}
		if row.step.state == stepCurrent && !row.group {
			current, ok = row, true
		}
	}
	return current, total, ok
}
