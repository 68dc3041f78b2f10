package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/linkstep/linkstep/flows"
)

// requireHome fails unless the home is the active area showing a screen of kind k.
func requireHome(t *testing.T, m Model, k screenKind) {
	t.Helper()
	if m.areas.active != areaHome {
		t.Fatalf("the active area is %s, want home\n%s", m.areas.active, screenText(m))
	}
	if got := homeOf(m).top().kind(); got != k {
		t.Fatalf("the home shows %s, want %s\n%s", got, k, screenText(m))
	}
}

// toHomeRow highlights the home's row n (from 0).
func (h *harness) toHomeRow(n int) {
	for range n {
		h.press(down)
	}
}

// TestHomeScreens renders the connections home, a connection's accounts and the forget
// confirmation (testdata/TestHomeScreens/*.golden).
func TestHomeScreens(t *testing.T) {
	tests := []struct {
		name   string
		height int
		drive  func(h *harness)
		kind   screenKind
	}{
		{
			name:   "home",
			height: 40, // every connection on one page
			drive:  func(h *harness) {},
			kind:   kindHome,
		},
		{
			name: "connection",
			drive: func(h *harness) {
				h.toHomeRow(2)
				h.press(enter)
				h.waitText("Rainy")
			},
			kind: kindConnection,
		},
		{
			name: "forget",
			drive: func(h *harness) {
				h.toHomeRow(2)
				h.press(char('f'))
				h.waitTitle("Forget this connection?")
			},
			kind: kindForget,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := launchHome(t, homeSetup{manager: newHomeManager(), height: tt.height})
			h.waitText("7 connections")
			tt.drive(h)
			m := h.final()
			requireHome(t, m, tt.kind)
			golden.RequireEqual(t, []byte(screenText(m)))
		})
	}
}

func TestHomeOpening(t *testing.T) {
	t.Run("on the home when something is stored", func(t *testing.T) {
		h := launchHome(t, homeSetup{manager: newHomeManager(), journeys: []flows.Journey{(&script{}).journey()}})
		h.waitText("7 connections")
		m := h.final()
		requireHome(t, m, kindHome)
		if got := homeOf(m).list.currentID(); got != "oneid-sub-7c2e" {
			t.Errorf("highlighted %q, want the newest connection", got)
		}
	})
	t.Run("on the picker when nothing is stored", func(t *testing.T) {
		h := launchHome(t, homeSetup{manager: &fakeManager{}, journeys: []flows.Journey{(&script{}).journey()}})
		h.waitTitle("Choose a journey")
		m := h.final()
		if m.areas.active != areaJourney {
			t.Fatalf("the active area is %s, want journey", m.areas.active)
		}
		requireKind(t, m, kindPicker)
		if !strings.Contains(screenText(m), "h connections") {
			t.Errorf("the picker does not offer the home:\n%s", screenText(m))
		}
	})
	t.Run("straight on the picker when the caller found nothing stored", func(t *testing.T) {
		m := New(t.Context(), Config{Connections: &fakeManager{}, NothingStored: true, Environment: "embedded"})
		if m.areas.active != areaJourney {
			t.Fatalf("the first area is %s, want journey: no frame of the home before the picker", m.areas.active)
		}
		h := launchHome(t, homeSetup{manager: newHomeManager(), empty: true, journeys: []flows.Journey{(&script{}).journey()}})
		h.waitTitle("Choose a journey")
		h.press(char('h'))
		h.waitText("7 connections") // the home still lists, for h
		requireHome(t, h.final(), kindHome)
	})
	t.Run("n goes to the picker and h comes back", func(t *testing.T) {
		mgr := newHomeManager()
		h := launchHome(t, homeSetup{manager: mgr, journeys: []flows.Journey{(&script{}).journey()}})
		h.waitText("7 connections")
		h.press(char('n'))
		h.waitTitle("Choose a journey")
		h.press(char('h'))
		h.waitTitle("Connections")
		m := h.final()
		requireHome(t, m, kindHome)
		if lists, _, _, _ := mgr.calls(); lists != 2 {
			t.Errorf("the connections were listed %d times, want again when the home was shown", lists)
		}
	})
}

func TestHomeShowsAConnectionAJourneyStored(t *testing.T) {
	mgr := &fakeManager{}
	s := &script{}
	h := launchHome(t, homeSetup{manager: mgr, journeys: []flows.Journey{s.journey()}})
	h.waitTitle("Choose a journey")
	h.toAccounts()
	mgr.add(freshConnection()) // the journey stores its connection
	h.press(enter)
	h.waitTitle("Connected")
	h.press(char('h'))
	h.waitText("cred-fresh")
	m := h.final()
	requireHome(t, m, kindHome)
	if got := homeOf(m).list.summaries(); len(got) != 1 || got[0].ID != "cred-fresh" {
		t.Errorf("the home lists %v, want the new connection", got)
	}
}

func TestHomeRefresh(t *testing.T) {
	mgr := newHomeManager()
	mgr.refresh = func(s flows.ConnectionSummary) (flows.ConnectionSummary, error) {
		s.AccessExpiry = testNow().Add(time.Hour)
		return s, nil
	}
	h := launchHome(t, homeSetup{manager: mgr})
	h.waitText("7 connections")
	h.toHomeRow(2)
	h.press(char('r'))
	h.waitText("refreshed")
	m := h.final()
	if _, refreshed, _, _ := mgr.calls(); !slices.Equal(refreshed, []string{"cred-fresh"}) {
		t.Errorf("refreshed %v, want cred-fresh", refreshed)
	}
	view := screenText(m)
	for _, want := range []string{
		"refreshed cred-fresh: the access token expires 15:54 (in 60 min)",
		"access token expires 15:54 (in 60 min)",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
}

// TestHomeNoticesAConnectionForgottenElsewhere refreshes a connection another linkstep has
// forgotten meanwhile: the home says so and reads the list again, rather than keep showing it.
func TestHomeNoticesAConnectionForgottenElsewhere(t *testing.T) {
	mgr := newHomeManager()
	h := launchHome(t, homeSetup{manager: mgr})
	h.waitText("7 connections")
	h.toHomeRow(2)
	if _, err := mgr.Forget(t.Context(), "cred-fresh"); err != nil { // another process
		t.Fatal(err)
	}
	listsBefore, _, _, _ := mgr.calls()
	h.press(char('r'))
	h.waitText("is no longer stored")
	m := h.final()
	view := screenText(m)
	if !strings.Contains(view, "6 connections") || strings.Count(view, "cred-fresh") != 1 { // once: in the status line
		t.Errorf("the list still shows the forgotten connection:\n%s", view)
	}
	if lists, _, _, _ := mgr.calls(); lists <= listsBefore {
		t.Errorf("the list was not read again (%d reads, %d before)", lists, listsBefore)
	}
}

// TestHomeFollowsAnotherProcess stores and forgets connections behind the shown home's back,
// as another linkstep would: the home lists them again on its own, within a few looks.
func TestHomeFollowsAnotherProcess(t *testing.T) {
	mgr := newHomeManager()
	h := launchHome(t, homeSetup{manager: mgr, watched: true})
	h.waitText("7 connections")
	other := func(id string) flows.ConnectionSummary {
		s := homeSummaries()[2]
		s.ID = id
		return s
	}
	mgr.add(other("cred-elsewhere"))
	h.waitText("cred-elsewhere")
	// Forgotten, then another stored: once that one shows, the list was read after the forget.
	if _, err := mgr.Forget(t.Context(), "cred-elsewhere"); err != nil {
		t.Fatal(err)
	}
	mgr.add(other("cred-third"))
	h.waitText("cred-third")
	m := h.final()
	if view := screenText(m); strings.Contains(view, "cred-elsewhere") || !strings.Contains(view, "8 connections") {
		t.Errorf("the home does not show what is stored now:\n%s", view)
	}
}

func TestHomeRefreshIsOfferedOnlyWhereAllowed(t *testing.T) {
	mgr := newHomeManager()
	h := launchHome(t, homeSetup{manager: mgr})
	h.waitText("7 connections")
	h.press(char('r'), char('v'), char('e')) // the OneID sign-in: forget only
	m := h.final()
	requireHome(t, m, kindHome)
	if _, refreshed, viewed, _ := mgr.calls(); len(refreshed)+len(viewed) > 0 {
		t.Errorf("refreshed %v and viewed %v, want nothing", refreshed, viewed)
	}
	if m.areas.active != areaHome {
		t.Error("e started a journey")
	}
}

func TestHomeForget(t *testing.T) {
	t.Run("enter forgets and the row disappears", func(t *testing.T) {
		mgr := newHomeManager()
		h := launchHome(t, homeSetup{manager: mgr})
		h.waitText("7 connections")
		h.toHomeRow(2)
		h.press(char('f'))
		h.waitTitle("Forget this connection?")
		h.press(enter)
		h.waitText("forgot")
		m := h.final()
		requireHome(t, m, kindHome)
		if _, _, _, forgotten := mgr.calls(); !slices.Equal(forgotten, []string{"cred-fresh"}) {
			t.Errorf("forgot %v, want cred-fresh", forgotten)
		}
		for _, s := range homeOf(m).list.summaries() {
			if s.ID == "cred-fresh" {
				t.Error("the forgotten connection is still listed")
			}
		}
		if !strings.Contains(screenText(m), "forgot cred-fresh: revoked at the provider") {
			t.Errorf("view lacks what was done:\n%s", screenText(m))
		}
	})
	t.Run("esc keeps it", func(t *testing.T) {
		mgr := newHomeManager()
		h := launchHome(t, homeSetup{manager: mgr})
		h.waitText("7 connections")
		h.toHomeRow(2)
		h.press(char('f'))
		h.waitTitle("Forget this connection?")
		h.press(esc)
		h.waitTitle("Connections")
		m := h.final()
		requireHome(t, m, kindHome)
		if _, _, _, forgotten := mgr.calls(); len(forgotten) != 0 {
			t.Errorf("forgot %v, want nothing", forgotten)
		}
		if n := len(homeOf(m).list.summaries()); n != 7 {
			t.Errorf("%d connections listed, want all 7", n)
		}
	})
}

func TestHomeView(t *testing.T) {
	mgr := newHomeManager()
	mgr.viewErrs = []error{&flows.Error{Code: "temporarily_unavailable", Description: "the data API answered 503", Retryable: true}}
	h := launchHome(t, homeSetup{manager: mgr})
	h.waitText("7 connections")
	h.toHomeRow(2)
	h.press(char('v'))
	h.waitText("503")
	h.press(char('r'))
	h.waitText("Rainy")
	m := h.final()
	requireHome(t, m, kindConnection)
	if _, _, viewed, _ := mgr.calls(); !slices.Equal(viewed, []string{"cred-fresh", "cred-fresh"}) {
		t.Errorf("viewed %v, want cred-fresh twice", viewed)
	}
	view := screenText(m)
	if strings.Contains(view, "503") || !strings.Contains(view, "1234.56 GBP") {
		t.Errorf("view after the retry:\n%s", view)
	}
}

func TestHomeListErrorRetries(t *testing.T) {
	mgr := newHomeManager()
	mgr.listErrs = []error{errListing}
	h := launchHome(t, homeSetup{manager: mgr})
	h.waitText("Could not read")
	if !strings.Contains(ansiStripped(h), "not valid JSON") {
		t.Error("the error is not shown")
	}
	h.press(char('r'))
	h.waitText("7 connections")
	m := h.final()
	requireHome(t, m, kindHome)
	if lists, _, _, _ := mgr.calls(); lists != 2 {
		t.Errorf("listed %d times, want 2", lists)
	}
}

// ansiStripped is what the program wrote so far, without escapes.
func ansiStripped(h *harness) string { return ansi.Strip(h.seen.String()) }

func TestHomeClockKeys(t *testing.T) {
	mgr, clk := newHomeManager(), &fakeClock{}
	h := launchHome(t, homeSetup{manager: mgr, clock: clk})
	h.waitText("7 connections")
	listed := func(n int) func() bool {
		return func() bool { lists, _, _, _ := mgr.calls(); return lists == n }
	}
	h.press(char(']'))
	h.waitText("clock +30d")
	waitUntil(t, listed(2))
	h.press(char('+'))
	waitUntil(t, listed(3))
	h.press(char('0'))
	h.waitText("real time")
	waitUntil(t, listed(4))
	m := h.final()
	if got, want := clk.moved(), []time.Duration{30 * days, days, -31 * days}; !slices.Equal(got, want) {
		t.Errorf("clock moved %v, want %v", got, want)
	}
	if strings.Contains(screenText(m), "clock +") {
		t.Errorf("the header still shows an offset:\n%s", screenText(m))
	}
}

func TestHomeHeaderShowsTheClockOffset(t *testing.T) {
	clk := &fakeClock{offset: 85 * days}
	h := launchHome(t, homeSetup{manager: newHomeManager(), clock: clk})
	h.waitText("7 connections")
	m := h.final()
	if first := strings.SplitN(screenText(m), "\n", 2)[0]; !strings.Contains(first, "embedded · clock +85d · storage: memory (test)") {
		t.Errorf("the header says %q, want the clock's offset", first)
	}
}

// waitUntil waits up to five seconds for cond.
func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met after 5s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestHomeWithoutClockHasNoClockKeys(t *testing.T) {
	mgr := newHomeManager()
	h := launchHome(t, homeSetup{manager: mgr})
	h.waitText("7 connections")
	h.press(char(']'))
	m := h.final()
	if lists, _, _, _ := mgr.calls(); lists != 1 {
		t.Errorf("listed %d times, want once", lists)
	}
	if strings.Contains(screenText(m), "clock") {
		t.Errorf("the view mentions a clock:\n%s", screenText(m))
	}
}

// renewJourney is a fake extend or re-auth journey: it asks which stored connection to work on,
// offering the test connections, and records the answer.
func renewJourney(id string, rec *recorder) *fakeJourney {
	s := &script{}
	offered := []flows.StoredConnection{
		{ID: "cred-fresh", Bank: "ob-lloyds", Usable: true},
		{ID: "cred-soon", Bank: "mock", Usable: true},
		{ID: "cred-expired", Bank: "mock", Usable: false, Why: "no refresh token is kept for it"},
	}
	return &fakeJourney{
		id: id, title: "Renew " + id, rec: rec,
		steps: []flows.Step{s.ask("Choose a connection", func() flows.Prompt {
			return flows.ChooseConnection{Provider: "TrueLayer", Environment: "embedded", Purpose: "extend", Connections: offered}
		})},
		result: flows.Result{Journey: id, Provider: "truelayer", ConnectionID: "cred-soon", Bank: "mock"},
	}
}

func TestHomeRenewPreselectsTheConnection(t *testing.T) {
	tests := []struct {
		name, key, journey string
	}{
		{name: "e extends", key: "e", journey: flows.ExtendID},
		{name: "a re-authenticates", key: "a", journey: flows.ReauthID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			h := launchHome(t, homeSetup{manager: newHomeManager(), journeys: []flows.Journey{renewJourney(tt.journey, rec)}})
			h.waitText("7 connections")
			h.toHomeRow(4) // cred-soon
			h.press(char(rune(tt.key[0])))
			h.waitTitle("Connected")
			m := h.final()
			if m.areas.active != areaJourney {
				t.Fatalf("the active area is %s, want journey", m.areas.active)
			}
			requireKind(t, m, kindResult)
			got := rec.last(t, flows.ChooseConnection{})
			if got.answer != (flows.ConnectionChoice{ID: "cred-soon"}) || got.err != nil {
				t.Errorf("ChooseConnection got (%v, %v), want cred-soon", got.answer, got.err)
			}
			if n := len(rec.all()); n != 1 {
				t.Errorf("the journey asked %d questions, want only the one answered for the user", n)
			}
		})
	}
	t.Run("an unusable one is not answered for the user", func(t *testing.T) {
		rec := &recorder{}
		mgr := newHomeManager()
		h := launchHome(t, homeSetup{manager: mgr, journeys: []flows.Journey{renewJourney(flows.ExtendID, rec)}})
		h.waitText("7 connections")
		h.toHomeRow(5) // cred-expired: the journey says it cannot be used
		h.press(char('e'))
		h.waitText("no refresh token is kept for it") // the chooser, showing why it cannot be used
		m := h.final()
		requireKind(t, m, kindConnections)
		if got := rec.all(); len(got) != 0 {
			t.Errorf("ChooseConnection was answered %v, want the chooser shown", got)
		}
	})
}

func TestNoHomeKeyWithoutAHome(t *testing.T) {
	h := start(t, (&script{}).journey())
	h.press(char('h'))
	m := h.final()
	requireKind(t, m, kindPicker)
	if m.areas.has(areaHome) || strings.Contains(screenText(m), "connections") {
		t.Errorf("a home is offered without a manager:\n%s", screenText(m))
	}
}

// The manager's errors are wrapped with what the home was doing.
func TestListConnectionsWrapsErrors(t *testing.T) {
	msg := listConnections(context.Background(), &fakeManager{listErrs: []error{errListing}}, 3)().(connectionsListedMsg)
	if msg.gen != 3 || !errors.Is(msg.err, errListing) || !strings.Contains(msg.err.Error(), "read the stored connections") {
		t.Errorf("listing gave %+v", msg)
	}
}

func TestHomeTexts(t *testing.T) {
	t.Run("clock offsets", func(t *testing.T) {
		tests := []struct {
			name string
			in   time.Duration
			want string
		}{
			{"whole days", 85 * days, "+85d"},
			{"days and hours", 2*days + 5*time.Hour, "+2d 5h"},
			{"hours", 5 * time.Hour, "+5h"},
			{"minutes back", -30 * time.Minute, "-30m"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if got := offsetText(tt.in); got != tt.want {
					t.Errorf("offsetText(%v) = %q, want %q", tt.in, got, tt.want)
				}
			})
		}
	})
	t.Run("ago", func(t *testing.T) {
		tests := []struct {
			name string
			in   time.Duration
			want string
		}{
			{"seconds", 30 * time.Second, "just now"},
			{"minutes", 45 * time.Minute, "45 min ago"},
			{"hours", 5 * time.Hour, "5 h ago"},
			{"days", 10 * days, "10 days ago"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if got := agoText(tt.in); got != tt.want {
					t.Errorf("agoText(%v) = %q, want %q", tt.in, got, tt.want)
				}
			})
		}
	})
	t.Run("counts", func(t *testing.T) {
		want := "7 connections · 1 expiring soon · 1 expired · 1 past the re-auth window · 1 without tokens"
		if got := countText(homeSummaries()); got != want {
			t.Errorf("countText = %q, want %q", got, want)
		}
	})
}
