package keychain

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// AutoOptions configures how NewAuto picks a storage.
type AutoOptions struct {
	// Service is the OS keychain service name (DefaultService when empty).
	Service string
	// Timeout bounds the probe and each OS keychain call (DefaultTimeout when 0).
	Timeout time.Duration
	// AllowMemoryFallback keeps items in memory when the OS keychain is unavailable (embedded sandbox tokens).
	AllowMemoryFallback bool
	// SandboxFile, with AllowMemoryFallback, keeps items in this 0600 file instead of memory when
	// the OS keychain is unavailable, so that embedded-sandbox connections outlive the process
	// (their tokens open only the local sandbox, whose own state file holds them too).
	SandboxFile string
	// InsecureFile, when non-empty, makes the plaintext File at this path the only storage.
	InsecureFile string
	// Primary replaces the OS keychain, for tests; nil means NewOS(Service, Timeout).
	Primary Store
}

// Auto is a Store that picks its storage on first use and keeps it; it is safe for concurrent use.
type Auto struct {
	opts     AutoOptions
	mu       sync.Mutex
	chosen   *choice       // nil until decided
	inflight chan struct{} // non-nil while a probe runs; closed when it ends
}

// choice is what Auto decided: the store to use and what to tell the user about it.
type choice struct {
	store  Store
	notice string
	// retry says the decision is not final: nothing could keep tokens, so the next call probes
	// again (the user may have unlocked the keychain in the meantime).
	retry bool
}

var _ Store = (*Auto)(nil)

// NewAuto returns an Auto that has not decided yet; call Probe to decide up front.
func NewAuto(opts AutoOptions) *Auto {
	opts.Timeout = orDefault(opts.Timeout)
	return &Auto{opts: opts}
}

// Probe decides the storage now (bounded by the timeout), once, and returns a user-facing
// notice when it did not get the OS keychain: the memory fallback, or the guidance when
// nothing can keep tokens; it returns "" when the preferred storage is in use or when ctx
// ended before a decision (the next call probes again).
func (a *Auto) Probe(ctx context.Context) (notice string) {
	c, err := a.decide(ctx)
	if err != nil {
		return ""
	}
	return c.notice
}

// Describe says where items live, or "checking…" before the first probe has decided.
func (a *Auto) Describe() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.chosen == nil {
		return "checking…"
	}
	return a.chosen.store.Describe()
}

// Get reads from the chosen storage, deciding first when needed.
func (a *Auto) Get(ctx context.Context, key string) (string, error) {
	c, err := a.decide(ctx)
	if err != nil {
		return "", fmt.Errorf("keychain get %q: %w", key, err)
	}
	return c.store.Get(ctx, key)
}

// Set writes to the chosen storage, deciding first when needed.
func (a *Auto) Set(ctx context.Context, key, value string) error {
	c, err := a.decide(ctx)
	if err != nil {
		return fmt.Errorf("keychain set %q: %w", key, err)
	}
	return c.store.Set(ctx, key, value)
}

// Delete removes from the chosen storage, deciding first when needed.
func (a *Auto) Delete(ctx context.Context, key string) error {
	c, err := a.decide(ctx)
	if err != nil {
		return fmt.Errorf("keychain delete %q: %w", key, err)
	}
	return c.store.Delete(ctx, key)
}

// decide returns the choice, probing when none was made; concurrent callers share one probe.
func (a *Auto) decide(ctx context.Context) (*choice, error) {
	for {
		a.mu.Lock()
		if a.chosen != nil && !a.chosen.retry {
			c := a.chosen
			a.mu.Unlock()
			return c, nil
		}
		if wait := a.inflight; wait != nil {
			a.mu.Unlock()
			select {
			case <-wait:
				continue
			case <-ctx.Done():
				return nil, fmt.Errorf("choose storage: %w", ctx.Err())
			}
		}
		done := make(chan struct{})
		a.inflight = done
		a.mu.Unlock()

		c, err := a.choose(ctx)

		a.mu.Lock()
		a.inflight = nil
		if err == nil {
			a.chosen = c
		}
		a.mu.Unlock()
		close(done)
		return c, err
	}
}

// choose probes the primary store and falls back as the options allow; it fails only when ctx ended.
func (a *Auto) choose(ctx context.Context) (*choice, error) {
	if a.opts.InsecureFile != "" {
		return &choice{store: NewFile(a.opts.InsecureFile)}, nil
	}
	primary := a.opts.Primary
	if primary == nil {
		primary = NewOS(a.opts.Service, a.opts.Timeout)
	}
	_, err := bounded(ctx, a.opts.Timeout, func() (struct{}, error) { return struct{}{}, probe(ctx, primary) })
	switch {
	case err == nil:
		return &choice{store: primary}, nil
	case ctx.Err() != nil:
		return nil, fmt.Errorf("choose storage: %w", ctx.Err())
	case a.opts.AllowMemoryFallback && a.opts.SandboxFile != "":
		f := NewLabelledFile(a.opts.SandboxFile, "embedded sandbox tokens only")
		notice := fmt.Sprintf("OS keychain unavailable (%s): tokens for the embedded sandbox kept in %s", reason(err), tildePath(a.opts.SandboxFile))
		return &choice{store: f, notice: notice}, nil
	case a.opts.AllowMemoryFallback:
		notice := fmt.Sprintf("OS keychain unavailable (%s): tokens for the embedded sandbox kept in memory for this session", reason(err))
		return &choice{store: NewMemory(), notice: notice}, nil
	default:
		if !errors.Is(err, ErrUnavailable) {
			err = &unavailableError{cause: err}
		}
		return &choice{store: unavailable{cause: err}, notice: fmt.Sprintf("OS keychain unavailable (%s): tokens cannot be saved; %s", reason(err), guidance), retry: true}, nil
	}
}

// prober is a Store that can check cheaply whether it answers.
type prober interface {
	Probe(ctx context.Context) error
}

// probe checks that s answers, with its own Probe when it has one, else by reading an item that need not exist.
func probe(ctx context.Context, s Store) error {
	if p, ok := s.(prober); ok {
		return p.Probe(ctx)
	}
	if _, err := s.Get(ctx, probeKey); err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	return nil
}
