package ui

import (
	"context"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/flowstest"
)

// TestExtendScreens renders the screens of the TrueLayer extend journey's prompts and its
// result at 100×30 (testdata/TestExtendScreens/*.golden; go test ./ui/ -run
// TestExtendScreens -update rewrites them).
func TestExtendScreens(t *testing.T) {
	tests := []struct {
		name    string
		journey func() *promptJourney
		drive   func(h *harness)
		kind    screenKind
	}{
		{
			name:    "connections",
			journey: func() *promptJourney { return extendJourney(testConnections()) },
			drive:   func(h *harness) { h.press(enter); h.waitTitle("Choose a connection to extend") },
			kind:    kindConnections,
		},
		{
			name:    "connections-unusable",
			journey: func() *promptJourney { return extendJourney(testConnections()) },
			drive: func(h *harness) {
				h.press(enter)
				h.waitTitle("Choose a connection to extend")
				h.press(down, down, down, enter)
			},
			kind: kindConnections,
		},
		{
			name:    "reconfirm",
			journey: func() *promptJourney { return extendJourney(testConnections()) },
			drive:   (*harness).toReconfirm,
			kind:    kindReconfirm,
		},
		{
			name:    "reconfirm-refused",
			journey: func() *promptJourney { return extendJourney(testConnections()) },
			drive: func(h *harness) {
				h.toReconfirm()
				h.typeText("Max Mustermann")
				h.press(tab)
				h.typeText("max@example.com")
				h.press(enter)
			},
			kind: kindReconfirm,
		},
		{
			name:    "result-extend",
			journey: func() *promptJourney { return extendJourney(testConnections()) },
			drive: func(h *harness) {
				h.toReconfirm()
				h.typeText("Max Mustermann")
				h.press(tab)
				h.typeText("max@example.com")
				h.press(tab, tab, space, enter)
				h.waitTitle("Connected")
			},
			kind: kindResult,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := start(t, tt.journey())
			tt.drive(h)
			m := h.final()
			requireKind(t, m, tt.kind)
			golden.RequireEqual(t, []byte(screenText(m)))
		})
	}
}

// toReconfirm chooses the first connection of the fake extend journey.
func (h *harness) toReconfirm() {
	h.t.Helper()
	h.press(enter)
	h.waitTitle("Choose a connection to extend")
	h.press(enter)
	h.waitTitle("Reconfirm consent")
}

func TestConnectionsScreen(t *testing.T) {
	t.Run("choosing an unusable connection only says why", func(t *testing.T) {
		j := extendJourney(testConnections())
		h := start(t, j)
		h.press(enter)
		h.waitTitle("Choose a connection to extend")
		h.press(down, down, down, enter, enter)
		m := h.final()
		requireKind(t, m, kindConnections)
		requireNoAnswer(t, &j.rec, flows.ChooseConnection{})
		requireView(t, m, "conn-41c6f0 cannot be chosen to extend: no refresh token is kept for it")
	})
	t.Run("answers ConnectionChoice, an expired one included", func(t *testing.T) {
		j := extendJourney(testConnections())
		h := start(t, j)
		h.press(enter)
		h.waitTitle("Choose a connection to extend")
		h.press(down, down, enter)
		h.waitTitle("Reconfirm consent")
		h.final()
		if got, _ := answerTo(&j.rec, flows.ChooseConnection{}); got != (flows.ConnectionChoice{ID: "conn-9e07aa"}) {
			t.Errorf("answer = %+v, want conn-9e07aa", got)
		}
	})
	t.Run("the cursor starts on the first usable connection", func(t *testing.T) {
		conns := testConnections()
		conns = append(conns[3:], conns[:3]...) // the unusable one first
		h := start(t, extendJourney(conns))
		h.press(enter)
		h.waitTitle("Choose a connection to extend")
		m := h.final()
		if r, _ := top(m).(connectionsScreen).choices.selected(); r.conn.ID != "conn-7f3a9c" {
			t.Errorf("cursor on %s, want conn-7f3a9c", r.conn.ID)
		}
	})
}

func TestReconfirmForm(t *testing.T) {
	t.Run("refuses what is missing, keeping what was typed", func(t *testing.T) {
		tests := []struct {
			name  string
			drive func(h *harness)
			want  []string
		}{
			{
				name:  "nothing",
				drive: func(h *harness) { h.press(enter) },
				want:  []string{"give the user's full name", errNoContact, "tick the box with space", "the full name · an email or a phone · the ticked box"},
			},
			{
				name: "unticked",
				drive: func(h *harness) {
					h.typeText("Max Mustermann")
					h.press(tab)
					h.typeText("max@example.com")
					h.press(enter)
				},
				want: []string{"Max Mustermann", "max@example.com", "tick the box with space", "still missing: the ticked box"},
			},
			{
				name: "one word for a name",
				drive: func(h *harness) {
					h.typeText("Max")
					h.press(tab, tab)
					h.typeText("+4915112345678")
					h.press(tab, space, enter)
				},
				want: []string{"give the full name, first and last: Max is one word", "+4915112345678"},
			},
			{
				name: "no email and no phone",
				drive: func(h *harness) {
					h.typeText("Max Mustermann")
					h.press(shiftTab, space, enter) // up to the box, from the name
				},
				want: []string{errNoContact, "still missing: an email or a phone"},
			},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				j := extendJourney(testConnections())
				h := start(t, j)
				h.toReconfirm()
				tt.drive(h)
				m := h.final()
				requireKind(t, m, kindReconfirm)
				requireNoAnswer(t, &j.rec, flows.ReconfirmConsent{})
				requireView(t, m, tt.want...)
			})
		}
	})
	t.Run("answers ConsentReconfirmed once space ticked the box", func(t *testing.T) {
		j := extendJourney(testConnections())
		h := start(t, j)
		h.toReconfirm()
		h.typeText("  Max   Mustermann ")
		h.press(tab)
		h.typeText("max@example.com")
		h.press(tab, tab, enter) // on the box, unticked: refused
		h.press(space, enter)
		h.waitTitle("Connected")
		h.final()
		want := flows.ConsentReconfirmed{Name: "Max Mustermann", Email: "max@example.com", Confirmed: true}
		if got, _ := answerTo(&j.rec, flows.ReconfirmConsent{}); got != want {
			t.Errorf("answer = %+v, want %+v", got, want)
		}
		if n := len(j.rec.all()); n != 2 {
			t.Errorf("the journey was answered %d times, want once for the connection and once for the reconfirmation", n)
		}
	})
	t.Run("what is fixed leaves the note of what is missing", func(t *testing.T) {
		j := extendJourney(testConnections())
		h := start(t, j)
		h.toReconfirm()
		h.typeText("Max")
		h.press(enter)
		h.typeText(" Mustermann")
		h.press(tab)
		h.typeText("max@example.com")
		m := h.final()
		requireView(t, m, "still missing: the ticked box")
	})
	t.Run("the name is filled in when known", func(t *testing.T) {
		p := testReconfirm()
		p.Name = "Max Mustermann"
		s := newReconfirmScreen(testCommon(), p)
		if got := s.form.rows[reconfirmName].input.Value(); got != "Max Mustermann" {
			t.Errorf("name = %q, want it filled in", got)
		}
	})
}

func TestSpanWords(t *testing.T) {
	now := testNow()
	hour, minute, zeroTime := time.Hour, time.Minute, time.Time{}
	tests := []struct {
		name string
		at   func() string
		want string
	}{
		{"in days", func() string { return expiryWords(now.Add(12*24*hour), now) }, "expires in 12 days"},
		{"in one day", func() string { return expiryWords(now.Add(26*hour), now) }, "expires in 1 day"},
		{"in hours", func() string { return expiryWords(now.Add(5*hour), now) }, "expires in 5 hours"},
		{"almost a day", func() string { return expiryWords(now.Add(23*hour+40*minute), now) }, "expires in 1 day"},
		{"within the hour", func() string { return expiryWords(now.Add(20*minute), now) }, "expires in under an hour"},
		{"days ago", func() string { return expiryWords(now.Add(-3*24*hour), now) }, "expired 3 days ago"},
		{"an hour ago", func() string { return expiryWords(now.Add(-hour), now) }, "expired 1 hour ago"},
		{"not recorded", func() string { return expiryWords(zeroTime, now) }, "expiry not recorded"},
		{"lapsed", func() string { return lapseText(now.Add(-49*hour), now) }, "lapsed 20 Nov 2025 13:54, 2 days ago"},
		{"lapses", func() string { return lapseText(now.Add(3*24*hour), now) }, "lapses 25 Nov 2025 14:54, in 3 days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.at(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestEndToEndExtendReconfirm makes a connection with Signup+, then extends it: the real
// journey lists it, and the reconfirmation answers once the box is ticked.
func TestEndToEndExtendReconfirm(t *testing.T) {
	e := flowstest.NewEmbedded(t)
	e.Common.MockBank = func(ctx context.Context, r flows.MockBankSignIn) (string, error) {
		return e.SignIn(ctx, r.AuthLink, r.RedirectURI, r.Username, r.Password, false)
	}
	rec := &recorder{}
	h := startWith(t, storeStorage{e.Store},
		e.SignupPlus(),
		recordedJourney{Journey: flows.NewExtend(e.Common, e.TrueLayer), rec: rec})

	h.press(enter) // Signup+, on the sandbox's one bank
	h.waitTitle("Review consent")
	h.press(enter)
	h.waitTitle("Open the auth link")
	h.press(char('s'))
	h.waitTitle("Sign in to the mock bank")
	h.press(enter)
	h.waitTitle("Choose an account")
	h.press(enter)
	h.waitTitle("Connected")
	h.press(enter)
	h.waitTitle("Choose a journey")

	h.press(down, enter)
	h.waitTitle("Choose a connection to extend")
	h.press(enter)
	h.waitTitle("Reconfirm consent")
	h.typeText("John Doe")
	h.press(tab)
	h.typeText("john@example.com")
	h.press(enter) // refused: the box is not ticked, and the focus goes to it
	h.press(space, enter)
	got := waitAnswer(t, rec, flows.ReconfirmConsent{})
	h.final()

	conns := rec.last(t, flows.ChooseConnection{}).prompt.(flows.ChooseConnection).Connections
	if len(conns) != 1 || !conns[0].Usable {
		t.Fatalf("the journey offered %+v, want the one connection just made", conns)
	}
	if a, _ := answerTo(rec, flows.ChooseConnection{}); a != (flows.ConnectionChoice{ID: conns[0].ID}) {
		t.Errorf("connection answer = %+v, want %s", a, conns[0].ID)
	}
	want := flows.ConsentReconfirmed{Name: "John Doe", Email: "john@example.com", Confirmed: true}
	if got != want {
		t.Errorf("reconfirm answer = %+v, want %+v", got, want)
	}
	if n := countOf(rec.all(), flows.ReconfirmConsent{}); n != 1 {
		t.Errorf("the reconfirmation was answered %d times, want once: the unticked enter stays on the form", n)
	}
}
