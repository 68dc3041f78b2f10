package flows

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/linkstep/linkstep/keychain"
)

// Consent lifetimes the connections home counts down (TrueLayer's: 90 days, renewable by
// re-authentication for 90 more days after it lapsed).
const (
	ConsentSoon        = 14 * 24 * time.Hour
	ReauthWindowLength = 90 * 24 * time.Hour
)

// ConsentState says where a connection's consent is in its life.
type ConsentState int

// The states of a consent.
const (
	ConsentUnknown ConsentState = iota
	ConsentFresh
	ConsentExpiringSoon
	ConsentExpired    // lapsed, within the re-auth window
	ConsentPastWindow // lapsed past the re-auth window: only a new connection helps
	ConsentShortLived // a short-lived connection (OneID): its access ended, sign in again
)

// String names the state.
func (s ConsentState) String() string {
	switch s {
	case ConsentFresh:
		return "fresh"
	case ConsentExpiringSoon:
		return "expiring soon"
	case ConsentExpired:
		return "expired"
	case ConsentPastWindow:
		return "past the re-auth window"
	case ConsentShortLived:
		return "short-lived"
	default:
		return "unknown"
	}
}

// TokensState says whether a connection's tokens are where the index says they are kept.
type TokensState int

// The states of a connection's tokens.
const (
	TokensUnknown    TokensState = iota // not looked for
	TokensFound                         // there, or the connection keeps none (Ivy)
	TokensGone                          // the storage that kept them answers, without them
	TokensUnreadable                    // the storage cannot be read (a corrupt file, a keychain that does not answer): they may well be there
	TokensElsewhere                     // kept in another storage than the one in use now
)

// String names the state, as scripts read it.
func (s TokensState) String() string {
	switch s {
	case TokensFound:
		return "found"
	case TokensGone:
		return "gone"
	case TokensUnreadable:
		return "unreadable"
	case TokensElsewhere:
		return "elsewhere"
	default:
		return "unknown"
	}
}

// ConnectionSummary is a stored connection as the home lists it: the index's facts, whether
// its tokens are still where they were kept, and where its consent is. It holds no secret.
type ConnectionSummary struct {
	keychain.Connection
	ProviderName string
	TokensFound  bool        // the tokens the index points at are there
	Tokens       TokensState // where the tokens are; Note says why when they cannot be used
	HasRefresh   bool
	AccessExpiry time.Time
	Consent      ConsentState
	ConsentLeft  time.Duration // negative once lapsed
	// Note says in words what the user can do, e.g. "expired: sign in again".
	Note string
	// Actions are what the provider lets linkstep do with it.
	Actions []ConnectionAction
}

// BankName is the bank's display name when the index keeps one (TrueLayer keeps the id as
// Bank and the name as a detail), else what it keeps of the bank.
func (s ConnectionSummary) BankName() string {
	if name := s.Details[detailBankName]; name != "" {
		return name
	}
	return s.Bank
}

// ConnectionAction is something a connection's provider lets linkstep do with it.
type ConnectionAction string

// The actions on a stored connection.
const (
	ActionView    ConnectionAction = "view"
	ActionRefresh ConnectionAction = "refresh"
	ActionExtend  ConnectionAction = "extend"
	ActionReauth  ConnectionAction = "reauth"
	ActionForget  ConnectionAction = "forget"
)

// ConnectionView is a connection's accounts, fetched live.
type ConnectionView struct {
	Summary  ConnectionSummary
	Accounts []Account // with balances
}

// ErrNoConnection means no stored connection has the id asked for.
const ErrNoConnection = sentinel("no such connection")

// keeper is what a provider does for its stored connections; one file per provider.
type keeper interface {
	// summarise fills in the provider's view of s (consent state, note, actions).
	summarise(s *ConnectionSummary, now time.Time)
	// refresh renews the access token, persisting a rotated refresh token first.
	refresh(ctx context.Context, c keychain.Connection, toks keychain.TokenSet) (keychain.TokenSet, error)
	// revoke ends the connection at the provider, where it has a way to; false when it has none.
	revoke(ctx context.Context, c keychain.Connection, toks keychain.TokenSet) (bool, error)
	// view reads the connection's accounts with balances.
	view(ctx context.Context, c keychain.Connection, toks keychain.TokenSet) ([]Account, error)
}

// Connections manages the connections stored in one environment: list, show, refresh, view,
// forget. Front-ends call it in the background; it never shows a token.
type Connections struct{ p Parts }

// NewConnections returns the manager of p's environment.
func NewConnections(p Parts) *Connections { return &Connections{p: p} }

// List returns this environment's stored connections, newest first.
func (m *Connections) List(ctx context.Context) ([]ConnectionSummary, error) {
	conns, err := m.indexed()
	if err != nil {
		return nil, err
	}
	out := make([]ConnectionSummary, 0, len(conns))
	for _, c := range conns {
		out = append(out, m.summarise(ctx, c))
	}
	slices.SortStableFunc(out, func(a, b ConnectionSummary) int { return b.Created.Compare(a.Created) })
	return out, nil
}

// IndexStamp changes whenever the stored connections may have changed (another linkstep
// stored or forgot one): keychain.Index.Stamp; "" without an index. A front-end compares
// stamps to know when to list again.
func (m *Connections) IndexStamp() string {
	if m.p.Common.Index == nil {
		return ""
	}
	return m.p.Common.Index.Stamp()
}

// Empty reports whether this environment's index lists no connection; it reads the index
// only, so a front-end can choose its first screen before listing.
func (m *Connections) Empty() (bool, error) {
	conns, err := m.indexed()
	return len(conns) == 0, err
}

// Show returns the stored connection with the id.
func (m *Connections) Show(ctx context.Context, id string) (ConnectionSummary, error) {
	c, err := m.find(id)
	if err != nil {
		return ConnectionSummary{}, err
	}
	return m.summarise(ctx, c), nil
}

// Refresh renews the connection's access token and keeps the new tokens (a rotated refresh
// token is stored before anything uses the new access token). Storage that cannot be written
// fails it before any call (CheckStorage): the rotated refresh token would be lost.
func (m *Connections) Refresh(ctx context.Context, id string) (ConnectionSummary, error) {
	if err := m.p.Common.CheckStorage(ctx); err != nil {
		return ConnectionSummary{}, err
	}
	c, k, toks, err := m.open(ctx, id)
	if err != nil {
		return ConnectionSummary{}, err
	}
	if _, err := k.refresh(ctx, c, toks); err != nil {
		return ConnectionSummary{}, err
	}
	return m.summarise(ctx, c), nil
}

// View reads the connection's accounts with their balances, live, refreshing the access token
// when it has expired.
func (m *Connections) View(ctx context.Context, id string) (ConnectionView, error) {
	c, k, toks, err := m.open(ctx, id)
	if err != nil {
		return ConnectionView{}, err
	}
	accs, err := k.view(ctx, c, toks)
	if err != nil {
		return ConnectionView{}, err
	}
	return ConnectionView{Summary: m.summarise(ctx, c), Accounts: accs}, nil
}

// Forget revokes the connection at its provider where it has a way to, then deletes its
// keychain items and its index entry. It reports whether the provider revoked it; a failed
// revocation is returned as an error only after the local copies are gone. Storage that cannot
// be written fails it before any call (CheckStorage).
func (m *Connections) Forget(ctx context.Context, id string) (revoked bool, err error) {
	if err := m.p.Common.CheckStorage(ctx); err != nil {
		return false, err
	}
	c, err := m.find(id)
	if err != nil {
		return false, err
	}
	if err := m.p.Common.sameSandbox(c); err != nil { // another sandbox would refuse the revoke
		return false, err
	}
	var revokeErr error
	if k, kerr := m.keeper(c.Provider); kerr == nil {
		if toks, terr := keychain.LoadTokens(ctx, m.p.Common.Store, c.Key()); terr == nil {
			revoked, revokeErr = k.revoke(ctx, c, toks)
		}
	}
	if err := keychain.DeleteTokens(ctx, m.p.Common.Store, c.Key()); err != nil {
		return revoked, fmt.Errorf("delete the tokens: %w", err)
	}
	if m.p.Common.Index != nil {
		if err := m.p.Common.Index.Remove(c.Key()); err != nil {
			return revoked, fmt.Errorf("remove the connection from the index: %w", err)
		}
	}
	if revokeErr != nil {
		return false, fmt.Errorf("forgotten here, but the provider did not revoke it: %w", revokeErr)
	}
	return revoked, nil
}

// CheckStorage checks, before any provider call, that what a journey or a connection's
// refresh writes can be written: the token store reads, parses and takes a new version of its
// file (keychain.Check: the OS keychain is not probed beyond choosing the storage), and so does
// the connection index. The error names the file and the fix (a *keychain.FileError).
func (c Common) CheckStorage(ctx context.Context) error {
	if err := keychain.Check(ctx, c.Store); err != nil {
		return fmt.Errorf("nothing was sent to the provider: the token store cannot be used: %w", err)
	}
	if c.Index == nil {
		return nil
	}
	if err := c.Index.Check(); err != nil {
		return fmt.Errorf("nothing was sent to the provider: the connection index cannot be used: %w", err)
	}
	return nil
}

// indexed are this environment's connections in the index.
func (m *Connections) indexed() ([]keychain.Connection, error) {
	if m.p.Common.Index == nil {
		return nil, nil
	}
	all, err := m.p.Common.Index.List()
	if err != nil {
		return nil, fmt.Errorf("read the connection index: %w", err)
	}
	env := m.p.Common.Env.String()
	var out []keychain.Connection
	for _, c := range all {
		if c.Environment == env {
			out = append(out, c)
		}
	}
	return out, nil
}

// find returns the connection with the id in this environment.
func (m *Connections) find(id string) (keychain.Connection, error) {
	conns, err := m.indexed()
	if err != nil {
		return keychain.Connection{}, err
	}
	for _, c := range conns {
		if c.ID == id {
			return c, nil
		}
	}
	return keychain.Connection{}, fmt.Errorf("%w %q in the %s environment: see 'linkstep connections list'", ErrNoConnection, id, m.p.Common.Env)
}

// open finds the connection, its provider's keeper and its tokens.
func (m *Connections) open(ctx context.Context, id string) (keychain.Connection, keeper, keychain.TokenSet, error) {
	c, err := m.find(id)
	if err != nil {
		return c, nil, keychain.TokenSet{}, err
	}
	if err := m.p.Common.sameSandbox(c); err != nil {
		return c, nil, keychain.TokenSet{}, err
	}
	k, err := m.keeper(c.Provider)
	if err != nil {
		return c, nil, keychain.TokenSet{}, err
	}
	toks, err := keychain.LoadTokens(ctx, m.p.Common.Store, c.Key())
	if err != nil && !errors.Is(err, keychain.ErrNotFound) {
		return c, nil, keychain.TokenSet{}, fmt.Errorf("read the tokens: %w", err)
	}
	return c, k, toks, nil
}

// summarise lays a connection out: its tokens' presence and the provider's view of its life.
// Tokens the storage in use cannot read, or that another storage keeps, are never called gone.
func (m *Connections) summarise(ctx context.Context, c keychain.Connection) ConnectionSummary {
	s := ConnectionSummary{Connection: c, ProviderName: c.Provider}
	toks, loadErr := keychain.LoadTokens(ctx, m.p.Common.Store, c.Key())
	if loadErr == nil {
		s.TokensFound, s.HasRefresh, s.AccessExpiry = toks.AccessToken != "" || toks.RefreshToken != "", toks.RefreshToken != "", toks.Expiry
	}
	now := m.p.Common.now()
	if !c.ConsentExpiresAt.IsZero() {
		s.ConsentLeft = c.ConsentExpiresAt.Sub(now)
	}
	if k, err := m.keeper(c.Provider); err == nil {
		k.summarise(&s, now)
	}
	switch {
	case s.TokensFound:
		s.Tokens = TokensFound
		return s
	case c.Storage == "":
		return s // nothing says where they were kept
	}
	inUse := m.p.Common.Store.Describe()
	switch {
	case loadErr != nil && !errors.Is(loadErr, keychain.ErrNotFound):
		s.Tokens = TokensUnreadable
		s.Note = "cannot read its tokens: " + keychain.Reason(loadErr)
		s.Actions = nil // refresh, view and forget all need the storage: fix it first
	case c.Storage != inUse:
		s.Tokens = TokensElsewhere
		s.Note = "its tokens are kept in " + c.Storage + ", not in " + inUse + " that this run uses: " + sameStorageHint(c)
		s.Actions = nil // forgetting here would leave them there
	default:
		s.Tokens = TokensGone
		s.Note = "its tokens are gone from " + c.Storage + ": connect again"
		s.Actions = []ConnectionAction{ActionForget}
	}
	return s
}

// sameStorageHint says how to run with the storage that kept c's tokens.
func sameStorageHint(c keychain.Connection) string {
	if keychain.InInsecureFile(c.Storage) {
		return "pass --insecure-storage"
	}
	return "run where that storage answers"
}

// keeper returns the provider's keeper of connections here.
func (m *Connections) keeper(provider string) (keeper, error) {
	for _, k := range keepers(m.p) {
		if k.id == provider {
			if k.keeper == nil {
				return nil, m.p.missing(provider)
			}
			return k.keeper, nil
		}
	}
	return nil, fmt.Errorf("linkstep does not keep %q connections", provider)
}

// namedKeeper is a provider's keeper, nil where the provider is not configured.
type namedKeeper struct {
	id     string
	keeper keeper
}

// consentState is a 90-day consent's state, renewable for 90 days after it lapsed.
func consentState(expires, now time.Time) ConsentState {
	switch left := expires.Sub(now); {
	case expires.IsZero():
		return ConsentUnknown
	case left > ConsentSoon:
		return ConsentFresh
	case left > 0:
		return ConsentExpiringSoon
	case -left <= ReauthWindowLength:
		return ConsentExpired
	default:
		return ConsentPastWindow
	}
}
