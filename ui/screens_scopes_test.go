package ui

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/linkstep/linkstep/flows"
)

// The walk through the fake identity journey, one screen after the other.

func (h *harness) toScopes() {
	h.t.Helper()
	h.press(enter)
	h.waitTitle("Choose what to share")
}

func (h *harness) toIdentityLink() {
	h.t.Helper()
	h.toScopes()
	h.press(enter)
	h.waitTitle("Open the auth link")
}

var space = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}

// TestIdentityScreens renders the questions of the identity journey at 100×30 and compares them
// to testdata/TestIdentityScreens/*.golden (go test ./ui/ -run TestIdentityScreens -update
// rewrites them).
func TestIdentityScreens(t *testing.T) {
	tests := []struct {
		name      string
		anyIssuer bool
		drive     func(h *harness)
		kind      screenKind
	}{
		{name: "scopes", drive: (*harness).toScopes, kind: kindScopes},
		{
			name: "scopes-unticked",
			drive: func(h *harness) {
				h.toScopes()
				for range 7 { // down to accounts, which accounts.balances needs
					h.press(down)
				}
				h.press(space)
			},
			kind: kindScopes,
		},
		{
			name:      "issuer",
			anyIssuer: true,
			drive: func(h *harness) {
				h.press(enter)
				h.waitTitle("Connect an OpenID provider")
			},
			kind: kindIssuer,
		},
		{
			name:      "issuer-refused",
			anyIssuer: true,
			drive: func(h *harness) {
				h.press(enter)
				h.waitTitle("Connect an OpenID provider")
				h.typeText("https://login.example.org")
				h.press(tab, tab)
				h.typeText("hunter2secret")
				h.press(enter)
			},
			kind: kindIssuer,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &identityScript{anyIssuer: tt.anyIssuer}
			h := start(t, s.journey(), (&script{}).journey())
			tt.drive(h)
			m := h.final()
			requireKind(t, m, tt.kind)
			golden.RequireEqual(t, []byte(screenText(m)))
		})
	}
}

// scopeIndex is the position of the scope named name in testScopes.
func scopeIndex(t *testing.T, name string) int {
	t.Helper()
	i := slices.IndexFunc(testScopes().Scopes, func(s flows.Scope) bool { return s.Name == name })
	if i < 0 {
		t.Fatalf("testScopes offers no %s", name)
	}
	return i
}

func TestScopeForm(t *testing.T) {
	all := []string{"openid", "profile", "date_of_birth", "address", "email", "phone", "age_over_18", "accounts", "accounts.balances", "fraud"}
	without := func(names ...string) []string {
		return slices.DeleteFunc(slices.Clone(all), func(s string) bool { return slices.Contains(names, s) })
	}
	tests := []struct {
		name     string
		prompt   func() flows.ChooseScopes
		toggle   []string // scopes to toggle, in order
		product  int      // the product to choose; -1 leaves the default
		want     flows.ScopesChosen
		wantNote string // in the last toggle's note
	}{
		{name: "the defaults", product: -1,
			want: flows.ScopesChosen{Scopes: all, Product: "product:id_assure"}},
		{name: "unticking accounts unticks accounts.balances", toggle: []string{"accounts"}, product: -1,
			want:     flows.ScopesChosen{Scopes: without("accounts", "accounts.balances"), Product: "product:id_assure"},
			wantNote: "unticked accounts.balances too: it needs accounts"},
		{name: "ticking accounts.balances ticks accounts", toggle: []string{"accounts", "accounts.balances"}, product: -1,
			want:     flows.ScopesChosen{Scopes: all, Product: "product:id_assure"},
			wantNote: "ticked accounts too: accounts.balances needs it"},
		{name: "accounts.balances alone unticks alone", toggle: []string{"accounts.balances"}, product: -1,
			want: flows.ScopesChosen{Scopes: without("accounts.balances"), Product: "product:id_assure"}},
		{name: "openid stays ticked", toggle: []string{"openid"}, product: -1,
			want:     flows.ScopesChosen{Scopes: all, Product: "product:id_assure"},
			wantNote: "openid is always asked for"},
		{name: "exactly one product", product: 2,
			want: flows.ScopesChosen{Scopes: all, Product: "product:sign_up_plus"}},
		{name: "a default needs what it needs ticked", product: -1,
			prompt: func() flows.ChooseScopes {
				p := testScopes()
				p.Scopes[scopeIndex(t, "accounts")].Default = false
				return p
			},
			want: flows.ScopesChosen{Scopes: all, Product: "product:id_assure"}},
		{name: "no products, no product", product: -1,
			prompt: func() flows.ChooseScopes {
				p := testScopes()
				p.Products, p.Product = nil, ""
				return p
			},
			want: flows.ScopesChosen{Scopes: all}},
		{name: "an unknown default product chooses the first", product: -1,
			prompt: func() flows.ChooseScopes {
				p := testScopes()
				p.Product = "product:gone"
				return p
			},
			want: flows.ScopesChosen{Scopes: all, Product: "product:id_assure"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testScopes()
			if tt.prompt != nil {
				p = tt.prompt()
			}
			f := newScopeForm(p)
			var note string
			for _, name := range tt.toggle {
				f, note = f.toggle(scopeIndex(t, name))
			}
			if tt.product >= 0 {
				f = f.choose(tt.product)
			}
			if got := f.answer(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("answer = %+v, want %+v", got, tt.want)
			}
			if !strings.Contains(note, tt.wantNote) || (tt.wantNote == "" && note != "") {
				t.Errorf("note = %q, want %q", note, tt.wantNote)
			}
		})
	}
}

func TestScopesScreen(t *testing.T) {
	t.Run("enter answers with the ticked scopes and the one product", func(t *testing.T) {
		s := &identityScript{}
		h := start(t, s.journey())
		h.toScopes()
		h.press(down, space) // untick profile
		for range 6 {        // down to accounts
			h.press(down)
		}
		h.press(space)              // untick accounts, and with it accounts.balances
		h.press(down, down, down)   // to the first product
		h.press(down, space)        // choose the second
		h.press(down, space, enter) // the third instead: one product only
		h.waitTitle("Open the auth link")
		h.final()
		want := flows.ScopesChosen{
			Scopes:  []string{"openid", "date_of_birth", "address", "email", "phone", "age_over_18", "fraud"},
			Product: "product:sign_up_plus",
		}
		if got := s.rec.last(t, flows.ChooseScopes{}).answer; !reflect.DeepEqual(got, want) {
			t.Errorf("scopes answer = %+v, want %+v", got, want)
		}
	})
	t.Run("ticking accounts.balances ticks accounts on screen", func(t *testing.T) {
		s := &identityScript{}
		h := start(t, s.journey())
		h.toScopes()
		for range 7 {
			h.press(down)
		}
		h.press(space, down, space) // untick accounts (and balances), tick balances again
		m := h.final()
		f := top(m).(scopesScreen).form
		if !f.tickedName("accounts") || !f.tickedName("accounts.balances") {
			t.Errorf("ticked = %v, want accounts and accounts.balances ticked", f.ticked)
		}
	})
	t.Run("esc goes back", func(t *testing.T) {
		s := &identityScript{}
		h := start(t, s.journey())
		h.toScopes()
		h.press(esc)
		h.waitTitle("Choose a journey") // the first question: back past it
		h.final()
		if got := s.rec.last(t, flows.ChooseScopes{}); !errors.Is(got.err, flows.ErrBack) {
			t.Errorf("scopes got (%v, %v), want ErrBack", got.answer, got.err)
		}
	})
	t.Run("the cursor stays in sight in a short terminal", func(t *testing.T) {
		s := &identityScript{}
		h := start(t, s.journey())
		h.toScopes()
		h.tm.Send(resize(80, 18))
		for range 12 { // to the last product
			h.press(down)
		}
		m := h.final()
		view := screenText(m)
		if !strings.Contains(view, "› ( ) product:sign_up_plus") {
			t.Errorf("the cursor's row is out of sight:\n%s", view)
		}
	})
}

func TestIssuerScreen(t *testing.T) {
	t.Run("refuses empty fields inline and keeps what was typed", func(t *testing.T) {
		s := &identityScript{anyIssuer: true}
		h := start(t, s.journey())
		h.press(enter)
		h.waitTitle("Connect an OpenID provider")
		h.press(enter)
		h.typeText("https://id.example.com")
		h.press(enter)
		m := h.final()
		requireKind(t, m, kindIssuer)
		f := top(m).(issuerScreen)
		if f.fields[issuerField].Value() != "https://id.example.com" || f.focus != clientIDField {
			t.Errorf("form holds %q with field %d focused, want the issuer kept and the client id focused", f.fields[issuerField].Value(), f.focus)
		}
		view := screenText(m)
		if strings.Contains(view, "issuer URL is needed") || !strings.Contains(view, "the client id registered at the provider is needed") {
			t.Errorf("view does not refuse just the client id:\n%s", view)
		}
		if n := countPrompts(s.rec.all(), flows.ConnectIssuer{}); n != 0 {
			t.Errorf("the issuer prompt was answered: %v", s.rec.all())
		}
	})
	t.Run("refuses what is not an issuer URL inline", func(t *testing.T) {
		s := &identityScript{anyIssuer: true}
		h := start(t, s.journey())
		h.press(enter)
		h.waitTitle("Connect an OpenID provider")
		h.press(enter)
		h.typeText("not a url")
		h.press(tab)
		h.typeText("client-1")
		h.press(enter)
		m := h.final()
		requireKind(t, m, kindIssuer)
		if f := top(m).(issuerScreen); f.focus != issuerField || f.fields[issuerField].Value() != "not a url" {
			t.Errorf("form holds %q with field %d focused, want the issuer kept and focused", f.fields[issuerField].Value(), f.focus)
		}
		if view := screenText(m); !strings.Contains(view, "is not an issuer URL") {
			t.Errorf("view does not refuse the issuer:\n%s", view)
		}
		if n := countPrompts(s.rec.all(), flows.ConnectIssuer{}); n != 0 {
			t.Errorf("the issuer prompt was answered: %v", s.rec.all())
		}
	})
	t.Run("answers IssuerGiven", func(t *testing.T) {
		s := &identityScript{anyIssuer: true}
		h := start(t, s.journey())
		h.press(enter)
		h.waitTitle("Connect an OpenID provider")
		h.typeText(" https://id.example.com ")
		h.press(tab)
		h.typeText("client-42")
		h.press(tab)
		h.typeText("s3cr3t value")
		h.press(enter)
		h.waitTitle("Choose what to share")
		requireNoSecret(t, h, "s3cr3t value")
		want := flows.IssuerGiven{Issuer: "https://id.example.com", ClientID: "client-42", ClientSecret: "s3cr3t value"}
		if got := s.rec.last(t, flows.ConnectIssuer{}).answer; got != want {
			t.Errorf("issuer answer = %+v, want %+v", got, want)
		}
	})
	t.Run("the secret never reaches the terminal", func(t *testing.T) {
		const secret = "hunter2-client-secret"
		s := &identityScript{anyIssuer: true}
		h := start(t, s.journey())
		h.press(enter)
		h.waitTitle("Connect an OpenID provider")
		h.press(tab, tab)
		h.typeText(secret)
		h.waitText("••••")
		h.press(enter) // refused: the issuer is empty; the secret stays in the form
		h.press(tab, tab, tab)
		m := requireNoSecret(t, h, secret)
		if got := top(m).(issuerScreen).fields[secretField].Value(); got != secret {
			t.Errorf("the form holds the secret %q, want it kept as typed", got)
		}
	})
}
