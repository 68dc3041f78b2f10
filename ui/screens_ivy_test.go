package ui

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/flows/flowstest"
)

// TestIvyScreens renders the screens of the Ivy prompts and results at 100×30
// (testdata/TestIvyScreens/*.golden; go test ./ui/ -run TestIvyScreens -update rewrites them).
func TestIvyScreens(t *testing.T) {
	tests := []struct {
		name    string
		journey func() *promptJourney
		drive   func(h *harness)
		kind    screenKind
	}{
		{
			name:    "user",
			journey: func() *promptJourney { return ivySessionJourney(testDescribeUser(flows.ExternalUser{})) },
			drive:   func(h *harness) { h.press(enter); h.waitTitle("Describe the user") },
			kind:    kindUser,
		},
		{
			name: "user-prefilled",
			journey: func() *promptJourney {
				p := testDescribeUser(flows.ExternalUser{Email: "max@example.com"})
				p.Returning = true
				return ivySessionJourney(p)
			},
			drive: func(h *harness) { h.press(enter); h.waitTitle("Describe the user") },
			kind:  kindUser,
		},
		{
			name:    "user-refused",
			journey: func() *promptJourney { return ivySessionJourney(testDescribeUser(flows.ExternalUser{})) },
			drive: func(h *harness) {
				h.press(enter)
				h.waitTitle("Describe the user")
				h.press(tab, tab, tab)
				h.typeText("plan gold")
				h.press(enter)
			},
			kind: kindUser,
		},
		{
			name:    "identify-email",
			journey: func() *promptJourney { return returningJourney(false) },
			drive: func(h *harness) {
				h.press(enter)
				h.waitTitle("Identify the returning user")
				h.typeText("max@example.com")
			},
			kind: kindIdentify,
		},
		{
			name:    "identify-switched",
			journey: func() *promptJourney { return returningJourney(false) },
			drive: func(h *harness) {
				h.press(enter)
				h.waitTitle("Identify the returning user")
				h.typeText("max@example.com")
				h.press(shiftTab, right)
			},
			kind: kindIdentify,
		},
		{
			name:    "offer",
			journey: func() *promptJourney { return returningJourney(true) },
			drive: func(h *harness) {
				h.press(enter)
				h.waitTitle("Identify the returning user")
				h.typeText("max@example.com")
				h.press(enter)
				h.waitTitle("No completed session")
			},
			kind: kindOffer,
		},
		{
			name:    "returning-user",
			journey: func() *promptJourney { return returningJourney(false) },
			drive: func(h *harness) {
				h.press(enter)
				h.waitTitle("Identify the returning user")
				h.typeText("max@example.com")
				h.press(enter)
				h.waitTitle("Returning user served")
			},
			kind: kindReturning,
		},
		{
			name:    "result-ivy",
			journey: func() *promptJourney { return ivySessionJourney(testDescribeUser(flows.ExternalUser{})) },
			drive: func(h *harness) {
				h.press(enter)
				h.waitTitle("Describe the user")
				h.typeText("max@example.com")
				h.press(enter)
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

// toUserForm starts the fake data session and waits for its user form.
func (h *harness) toUserForm() {
	h.t.Helper()
	h.press(enter)
	h.waitTitle("Describe the user")
}

func TestUserForm(t *testing.T) {
	t.Run("refuses a user with no identifier, keeping what was typed", func(t *testing.T) {
		j := ivySessionJourney(testDescribeUser(flows.ExternalUser{}))
		h := start(t, j)
		h.toUserForm()
		h.press(tab, tab, tab)
		h.typeText("plan=gold")
		h.press(enter)
		m := h.final()
		requireKind(t, m, kindUser)
		requireNoAnswer(t, &j.rec, flows.DescribeUser{})
		requireView(t, m, errNoIdentifier, "plan=gold")
		if f := top(m).(userScreen).form; f.focus != userEmail {
			t.Errorf("focus on row %d, want the email", f.focus)
		}
	})
	t.Run("refuses an email without @", func(t *testing.T) {
		j := ivySessionJourney(testDescribeUser(flows.ExternalUser{}))
		h := start(t, j)
		h.toUserForm()
		h.typeText("max.example.com")
		h.press(enter)
		m := h.final()
		requireNoAnswer(t, &j.rec, flows.DescribeUser{})
		requireView(t, m, `"max.example.com" is not an email address`)
		if strings.Contains(screenText(m), errNoIdentifier) {
			t.Errorf("the form says no identifier was given, but an email was:\n%s", screenText(m))
		}
	})
	t.Run("refuses a session without permissions", func(t *testing.T) {
		j := ivySessionJourney(testDescribeUser(flows.ExternalUser{}))
		h := start(t, j)
		h.toUserForm()
		h.typeText("max@example.com")
		h.press(shiftTab)                                          // up to transactions, the last row: unticked
		h.press(shiftTab, space, shiftTab, space, shiftTab, space) // untick balances, accounts, identity
		h.press(enter)
		m := h.final()
		requireNoAnswer(t, &j.rec, flows.DescribeUser{})
		requireView(t, m, errNoPermission)
	})
	t.Run("answers UserDescribed with metadata, market and permissions", func(t *testing.T) {
		j := ivySessionJourney(testDescribeUser(flows.ExternalUser{}))
		h := start(t, j)
		h.toUserForm()
		h.typeText(" max@example.com ")
		h.press(tab, tab)
		h.typeText("cust-42")
		h.press(tab)
		h.typeText("plan=gold")
		h.press(tab) // to the empty line that appeared
		h.typeText("region = north")
		h.press(tab, tab) // past the next empty line, to the market
		h.press(right)    // GB
		h.press(tab, ctrlU)
		h.typeText("en-GB")
		h.press(tab, space)           // untick identity
		h.press(tab, tab, tab, space) // tick transactions
		h.press(enter)
		h.waitTitle("Connected")
		h.final()
		want := flows.UserDescribed{
			User: flows.ExternalUser{
				Email: "max@example.com", ReferenceID: "cust-42",
				Metadata: map[string]string{"plan": "gold", "region": "north"},
			},
			Market:      "GB",
			Locale:      "en-GB",
			Permissions: []string{"accounts", "balances", "transactions"},
		}
		if got, _ := answerTo(&j.rec, flows.DescribeUser{}); !reflect.DeepEqual(got, want) {
			t.Errorf("answer = %+v, want %+v", got, want)
		}
	})
	t.Run("emptying a pair removes it", func(t *testing.T) {
		j := ivySessionJourney(testDescribeUser(flows.ExternalUser{}))
		h := start(t, j)
		h.toUserForm()
		h.press(tab, tab)
		h.typeText("cust-42")
		h.press(tab)
		h.typeText("a=1")
		h.press(tab)
		h.typeText("b=2")
		h.press(shiftTab, ctrlU, tab) // empty a=1 and leave it
		m := h.final()
		s := top(m).(userScreen)
		if s.pairs != 2 || s.form.rows[userMetadata].input.Value() != "b=2" {
			t.Fatalf("%d metadata lines, the first %q; want b=2 and the empty line", s.pairs, s.form.rows[userMetadata].input.Value())
		}
		_, cmd := s.submit()
		if got := cmd().(answerMsg).answer.(flows.UserDescribed).User.Metadata; !reflect.DeepEqual(got, map[string]string{"b": "2"}) {
			t.Errorf("metadata = %v, want b=2 only", got)
		}
	})
	t.Run("a returning user's identifier and metadata are filled in", func(t *testing.T) {
		prefill := flows.ExternalUser{Phone: "+4915112345678", Metadata: map[string]string{"plan": "gold"}}
		j := ivySessionJourney(testDescribeUser(prefill))
		h := start(t, j)
		h.toUserForm()
		h.press(enter)
		h.waitTitle("Connected")
		h.final()
		want := flows.UserDescribed{User: prefill, Market: "DE", Locale: "en", Permissions: []string{"identity", "accounts", "balances"}}
		if got, _ := answerTo(&j.rec, flows.DescribeUser{}); !reflect.DeepEqual(got, want) {
			t.Errorf("answer = %+v, want %+v", got, want)
		}
	})
}

// TestUserFormScrolls keeps the focused row in sight in a short terminal.
func TestUserFormScrolls(t *testing.T) {
	j := ivySessionJourney(testDescribeUser(flows.ExternalUser{}))
	h := start(t, j)
	h.toUserForm()
	h.tm.Send(resize(80, 18))
	h.press(shiftTab) // round to the last permission
	m := h.final()
	requireView(t, m, "›               [ ] transactions", "more above")
	view := screenText(m)
	if strings.Contains(view, "Reference id") {
		t.Errorf("the top of the form is still in sight in a short terminal:\n%s", view)
	}
}

func TestIdentifyForm(t *testing.T) {
	t.Run("choosing another kind clears the first value", func(t *testing.T) {
		j := returningJourney(false)
		h := start(t, j)
		h.press(enter)
		h.waitTitle("Identify the returning user")
		h.typeText("max@example.com")
		h.press(shiftTab, right)
		m := h.final()
		s := top(m).(identifyScreen)
		if s.chosen() != flows.ByPhone || s.form.rows[identifyValue].input.Value() != "" {
			t.Errorf("kind %s with %q, want phone and the email cleared", s.chosen(), s.form.rows[identifyValue].input.Value())
		}
		requireView(t, m, "Phone", "cleared the email max@example.com")
	})
	t.Run("refuses an empty value", func(t *testing.T) {
		j := returningJourney(false)
		h := start(t, j)
		h.press(enter)
		h.waitTitle("Identify the returning user")
		h.press(right, right, enter)
		m := h.final()
		requireNoAnswer(t, &j.rec, flows.IdentifyUser{})
		requireView(t, m, "give the user's reference id")
	})
	t.Run("answers UserIdentified with the kind and the one value", func(t *testing.T) {
		j := returningJourney(false)
		h := start(t, j)
		h.press(enter)
		h.waitTitle("Identify the returning user")
		h.typeText("max@example.com")
		h.press(shiftTab, right)
		h.typeText("+4915112345678 ") // on the kind row: typing goes to the value
		h.press(enter)
		h.waitTitle("Returning user served")
		h.final()
		want := flows.UserIdentified{Kind: flows.ByPhone, Value: "+4915112345678"}
		if got, _ := answerTo(&j.rec, flows.IdentifyUser{}); got != want {
			t.Errorf("answer = %+v, want %+v", got, want)
		}
	})
}

func TestOfferScreen(t *testing.T) {
	toOffer := func(h *harness) {
		h.press(enter)
		h.waitTitle("Identify the returning user")
		h.typeText("max@example.com")
		h.press(enter)
		h.waitTitle("No completed session")
	}
	t.Run("enter starts a data session", func(t *testing.T) {
		j := returningJourney(true)
		h := start(t, j)
		toOffer(h)
		h.press(enter)
		h.waitTitle("Returning user served")
		h.final()
		if got, _ := answerTo(&j.rec, flows.OfferDataSession{}); got != (flows.StartDataSession{}) {
			t.Errorf("answer = %+v, want StartDataSession", got)
		}
	})
	t.Run("esc goes back", func(t *testing.T) {
		j := returningJourney(true)
		h := start(t, j)
		toOffer(h)
		h.press(esc)
		h.waitTitle("Identify the returning user")
		h.final()
		if got := j.rec.last(t, flows.OfferDataSession{}); !errors.Is(got.err, flows.ErrBack) {
			t.Errorf("offer got (%v, %v), want ErrBack", got.answer, got.err)
		}
	})
}

func TestGroupIBAN(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"german", "DE89370400440532013000", "DE89 3704 0044 0532 0130 00"},
		{"already grouped", "de89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := groupIBAN(tt.in); got != tt.want {
				t.Errorf("groupIBAN(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestEndToEndIvyUserForm answers the real Ivy data session's first question, which it asks
// before any call to Ivy.
func TestEndToEndIvyUserForm(t *testing.T) {
	e := flowstest.NewEmbedded(t)
	rec := &recorder{}
	h := startWith(t, storeStorage{e.Store}, recordedJourney{Journey: flows.NewIvyDataSession(e.Common, e.Ivy), rec: rec})
	h.press(enter)
	h.waitTitle("Describe the user")
	h.typeText("max@example.com")
	h.press(tab, tab, tab)
	h.typeText("plan=gold")
	h.press(tab, tab, right, enter) // the second market
	got := waitAnswer(t, rec, flows.DescribeUser{})
	h.final()
	p := rec.last(t, flows.DescribeUser{}).prompt.(flows.DescribeUser)
	want := flows.UserDescribed{
		User:        flows.ExternalUser{Email: "max@example.com", Metadata: map[string]string{"plan": "gold"}},
		Market:      p.Markets[1],
		Locale:      p.Locale,
		Permissions: p.Granted,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("answer = %+v, want %+v", got, want)
	}
}

// TestUserFormIntroFollowsTheJourney: the form's intro speaks of a returning user only when the
// prompt says the session is for one, not whenever an identifier is filled in (the last answer,
// after going back from the link).
func TestUserFormIntroFollowsTheJourney(t *testing.T) {
	known := flows.ExternalUser{Email: "max@example.com"}
	tests := []struct {
		name      string
		returning bool
		want      string
	}{
		{"a first session asked again", false, "Who the Ivy data session is for: give at least an email, a phone or a reference id."},
		{"a returning user's first session", true, "A first Ivy data session for the returning user: their identifier is filled in."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testDescribeUser(known)
			p.Returning = tt.returning
			if got := newUserScreen(testCommon(), p).intro(); got != tt.want {
				t.Errorf("intro = %q, want %q", got, tt.want)
			}
		})
	}
}
