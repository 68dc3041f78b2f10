package ui

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/keychain"
)

// fakeManager is a ConnectionsManager over fixed summaries; it records what it was asked.
type fakeManager struct {
	mu       sync.Mutex
	list     []flows.ConnectionSummary
	listErrs []error // returned by the next Lists, one each, before the list is
	views    map[string]flows.ConnectionView
	viewErrs []error // returned by the next Views, one each
	refresh  func(flows.ConnectionSummary) (flows.ConnectionSummary, error)

	changes   int // connections stored or forgotten
	lists     int
	refreshed []string
	viewed    []string
	forgotten []string
}

var _ ConnectionsManager = (*fakeManager)(nil)

func (m *fakeManager) List(context.Context) ([]flows.ConnectionSummary, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.lists++
	if len(m.listErrs) > 0 {
		err := m.listErrs[0]
		m.listErrs = m.listErrs[1:]
		return nil, err
	}
	return slices.Clone(m.list), nil
}

func (m *fakeManager) find(id string) (flows.ConnectionSummary, error) {
	for _, s := range m.list {
		if s.ID == id {
			return s, nil
		}
	}
	return flows.ConnectionSummary{}, flows.ErrNoConnection
}

func (m *fakeManager) Show(_ context.Context, id string) (flows.ConnectionSummary, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.find(id)
}

func (m *fakeManager) Refresh(_ context.Context, id string) (flows.ConnectionSummary, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.refreshed = append(m.refreshed, id)
	s, err := m.find(id)
	if err != nil || m.refresh == nil {
		return s, err
	}
	s, err = m.refresh(s)
	if err == nil {
		for i := range m.list {
			if m.list[i].ID == id {
				m.list[i] = s
			}
		}
	}
	return s, err
}

func (m *fakeManager) View(_ context.Context, id string) (flows.ConnectionView, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.viewed = append(m.viewed, id)
	if len(m.viewErrs) > 0 {
		err := m.viewErrs[0]
		m.viewErrs = m.viewErrs[1:]
		return flows.ConnectionView{}, err
	}
	v, ok := m.views[id]
	if !ok {
		return flows.ConnectionView{}, flows.ErrNoConnection
	}
	return v, nil
}

func (m *fakeManager) Forget(_ context.Context, id string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, err := m.find(id); err != nil {
		return false, err
	}
	m.forgotten = append(m.forgotten, id)
	m.changes++
	m.list = slices.DeleteFunc(m.list, func(s flows.ConnectionSummary) bool { return s.ID == id })
	return true, nil
}

// watchedManager is a fakeManager that tells a stamp of its connections, as the real
// manager's index file does, so the home can notice another process's changes.
type watchedManager struct{ *fakeManager }

// IndexStamp changes with every connection stored or forgotten.
func (w watchedManager) IndexStamp() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strconv.Itoa(w.changes)
}

// add stores s, as a journey would.
func (m *fakeManager) add(s flows.ConnectionSummary) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.list = append([]flows.ConnectionSummary{s}, m.list...)
	m.changes++
}

// calls returns how many Lists there were and the ids refreshed, viewed and forgotten.
func (m *fakeManager) calls() (lists int, refreshed, viewed, forgotten []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.lists, slices.Clone(m.refreshed), slices.Clone(m.viewed), slices.Clone(m.forgotten)
}

// fakeClock is a Clock that records how it was moved.
type fakeClock struct {
	mu     sync.Mutex
	offset time.Duration
	moves  []time.Duration
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
	c.moves = append(c.moves, d)
}

func (c *fakeClock) Offset() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.offset
}

func (c *fakeClock) moved() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.moves)
}

const days = 24 * time.Hour

// trueLayerSummary is a TrueLayer connection made at created with a 90-day consent, as the
// real manager summarises it at testNow.
func trueLayerSummary(id, bank string, created time.Time) flows.ConnectionSummary {
	now := testNow()
	expires := created.Add(90 * days)
	s := flows.ConnectionSummary{
		Connection: keychain.Connection{
			Provider: "truelayer", Environment: "embedded", ID: id, Bank: bank, Created: created,
			ConsentExpiresAt: expires, Storage: "OS keychain (Secret Service)",
		},
		ProviderName: "TrueLayer", TokensFound: true, HasRefresh: true,
		AccessExpiry: now.Add(-2 * time.Hour),
		ConsentLeft:  expires.Sub(now),
		Actions:      []flows.ConnectionAction{flows.ActionView, flows.ActionRefresh, flows.ActionExtend, flows.ActionReauth, flows.ActionForget},
	}
	left := int(s.ConsentLeft.Round(days) / days)
	switch {
	case s.ConsentLeft > flows.ConsentSoon:
		s.Consent = flows.ConsentFresh
		s.Note = "consent expires in " + strconv.Itoa(left) + " days"
	case s.ConsentLeft > 0:
		s.Consent = flows.ConsentExpiringSoon
		s.Note = "consent expires in " + strconv.Itoa(left) + " days: extend or re-authenticate before it does"
	case -s.ConsentLeft <= flows.ReauthWindowLength:
		s.Consent = flows.ConsentExpired
		s.Note = "consent expired " + strconv.Itoa(-left) + " days ago: extend or re-authenticate (possible for " + strconv.Itoa(90+left) + " days more)"
		s.Actions = []flows.ConnectionAction{flows.ActionExtend, flows.ActionReauth, flows.ActionForget}
	default:
		s.Consent = flows.ConsentPastWindow
		s.Note = "consent expired " + strconv.Itoa(-left) + " days ago, past the 90-day re-auth window: connect again with a new auth link"
		s.Actions = []flows.ConnectionAction{flows.ActionForget}
	}
	return s
}

// homeSummaries are the home's test connections, newest first: a OneID sign-in whose access
// ended, an Ivy session, and TrueLayer consents with 80 days left, tokens gone, 5 days left,
// expired 10 days ago and expired 200 days ago.
func homeSummaries() []flows.ConnectionSummary {
	now := testNow()
	oneID := flows.ConnectionSummary{
		Connection: keychain.Connection{
			Provider: "oneid", Environment: "embedded", ID: "oneid-sub-7c2e", Bank: "https://oneid.example",
			Created: now.Add(-3 * time.Hour), ConsentExpiresAt: now.Add(-2 * time.Hour), Storage: "OS keychain (Secret Service)",
		},
		ProviderName: "OneID", TokensFound: true, AccessExpiry: now.Add(-2 * time.Hour),
		Consent: flows.ConsentShortLived, Note: "expired: sign in again (no refresh token)",
		Actions: []flows.ConnectionAction{flows.ActionForget},
	}
	ivy := flows.ConnectionSummary{
		Connection: keychain.Connection{
			Provider: "ivy", Environment: "embedded", ID: "sess-4b8e1f", Bank: "Mock Bank DE", Created: now.Add(-2 * days),
			Details: map[string]string{"external_user": "email alice@example.com", "market": "DE"},
		},
		ProviderName: "Ivy", TokensFound: true,
		Note:    "data session for email alice@example.com (DE)",
		Actions: []flows.ConnectionAction{flows.ActionView, flows.ActionForget},
	}
	gone := trueLayerSummary("cred-gone", "ob-monzo", now.Add(-30*days))
	gone.TokensFound, gone.HasRefresh, gone.AccessExpiry = false, false, time.Time{}
	gone.Note = "its tokens are gone from OS keychain (Secret Service): connect again"
	gone.Actions = []flows.ConnectionAction{flows.ActionForget}
	return []flows.ConnectionSummary{
		oneID,
		ivy,
		trueLayerSummary("cred-fresh", "ob-lloyds", now.Add(-10*days)),
		gone,
		trueLayerSummary("cred-soon", "mock", now.Add(-85*days)),
		trueLayerSummary("cred-expired", "mock", now.Add(-100*days)),
		trueLayerSummary("cred-past", "ob-lloyds", now.Add(-290*days)),
	}
}

// freshConnection is the TrueLayer connection with 80 days left.
func freshConnection() flows.ConnectionSummary { return homeSummaries()[2] }

// homeView is what viewing the fresh connection reads: two accounts with balances.
func homeView() flows.ConnectionView {
	s := freshConnection()
	s.AccessExpiry = testNow().Add(time.Hour) // renewed to read the accounts
	return flows.ConnectionView{Summary: s, Accounts: []flows.Account{
		{ID: "acc-1", DisplayName: "Everyday", Type: "TRANSACTION", Currency: "GBP", Number: "10000001", SortCode: "040004", Balance: "1234.56 GBP"},
		{ID: "acc-2", DisplayName: "Rainy day", Type: "SAVINGS", Currency: "GBP", Number: "10000002", SortCode: "040004", Balance: "-12.00 GBP"},
	}}
}

// newHomeManager is a manager over the test connections.
func newHomeManager() *fakeManager {
	return &fakeManager{list: homeSummaries(), views: map[string]flows.ConnectionView{"cred-fresh": homeView()}}
}

// errListing is a listing that failed.
var errListing = errors.New("the connection index is not valid JSON")

// homeSetup is what a home test starts the UI with.
type homeSetup struct {
	manager  *fakeManager // nil: no home
	watched  bool         // the manager tells a stamp of its connections (watchedManager)
	clock    *fakeClock   // nil: no clock keys
	width    int          // 100 unless set
	height   int          // 30 unless set
	journeys []flows.Journey
	empty    bool // the caller found the index empty (Config.NothingStored)
}

// launchHome starts the UI with a home, without waiting for its first screen.
func launchHome(t *testing.T, hs homeSetup) *harness {
	t.Helper()
	infos, build := built(hs.journeys...)
	cfg := Config{
		Journeys: infos, Journey: build, Environment: "embedded",
		Storage: fakeStorage{describe: "memory (test)"}, Version: "v0.0.0-test", Now: testNow,
		NothingStored: hs.empty,
	}
	if hs.manager != nil {
		cfg.Connections = hs.manager
		if hs.watched {
			cfg.Connections = watchedManager{hs.manager}
		}
	}
	if hs.clock != nil {
		cfg.Clock = hs.clock
	}
	m := New(t.Context(), cfg).withSpinner(spinner.Spinner{Frames: []string{"◐"}, FPS: 100 * time.Millisecond})
	w, h := hs.width, hs.height
	if w == 0 {
		w = 100
	}
	if h == 0 {
		h = 30
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	return &harness{t: t, tm: tm}
}

// homeOf is the home area of m.
func homeOf(m Model) homeArea { return m.areas.get(areaHome).(homeArea) }
