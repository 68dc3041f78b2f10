package keychain

import (
	"context"
	"sync"

	"github.com/zalando/go-keyring"
)

// fakeKeyring mirrors go-keyring's MockInit provider (same results, including
// keyring.ErrNotFound from Delete of an absent item) without swapping go-keyring's
// package-level provider, which would leak into the real Secret Service test.
type fakeKeyring struct {
	mu    sync.Mutex
	items map[[2]string]string
	err   error // returned by every call when set, like keyring.MockInitWithError
}

func (f *fakeKeyring) Get(service, user string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return "", f.err
	}
	v, ok := f.items[[2]string{service, user}]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (f *fakeKeyring) Set(service, user, password string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	if f.items == nil {
		f.items = make(map[[2]string]string)
	}
	f.items[[2]string{service, user}] = password
	return nil
}

func (f *fakeKeyring) Delete(service, user string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return f.err
	}
	if _, ok := f.items[[2]string{service, user}]; !ok {
		return keyring.ErrNotFound
	}
	delete(f.items, [2]string{service, user})
	return nil
}

// hangingKeyring blocks every call until released, like a Secret Service waiting on an unlock prompt.
type hangingKeyring struct {
	entered chan struct{} // receives once per call that started blocking
	release chan struct{} // closed to let blocked calls return
}

func newHangingKeyring() *hangingKeyring {
	return &hangingKeyring{entered: make(chan struct{}, 16), release: make(chan struct{})}
}

func (h *hangingKeyring) block() {
	h.entered <- struct{}{}
	<-h.release
}

func (h *hangingKeyring) Get(service, user string) (string, error) {
	h.block()
	return "", keyring.ErrNotFound
}

func (h *hangingKeyring) Set(service, user, password string) error {
	h.block()
	return nil
}

func (h *hangingKeyring) Delete(service, user string) error {
	h.block()
	return nil
}

// failingStore is a Store whose every call fails with err.
type failingStore struct{ err error }

func (f failingStore) Get(ctx context.Context, key string) (string, error) { return "", f.err }
func (f failingStore) Set(ctx context.Context, key, value string) error    { return f.err }
func (f failingStore) Delete(ctx context.Context, key string) error        { return f.err }
func (f failingStore) Describe() string                                    { return "failing" }

// recordingStore is a Memory that records the order of Set and Delete calls.
type recordingStore struct {
	*Memory
	mu  sync.Mutex
	ops []string
}

func newRecordingStore() *recordingStore { return &recordingStore{Memory: NewMemory()} }

func (r *recordingStore) Set(ctx context.Context, key, value string) error {
	r.record("set " + key)
	return r.Memory.Set(ctx, key, value)
}

func (r *recordingStore) Delete(ctx context.Context, key string) error {
	r.record("delete " + key)
	return r.Memory.Delete(ctx, key)
}

func (r *recordingStore) record(op string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ops = append(r.ops, op)
}
