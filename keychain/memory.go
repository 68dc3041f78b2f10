package keychain

import (
	"context"
	"fmt"
	"sync"
)

// MemoryStorage is what Memory's Describe says. A connection whose Storage says it has tokens
// that die with the process: the Index keeps it for this session only, never in its file.
const MemoryStorage = "memory (this session only)"

// Memory keeps items in process memory for this session only; it is safe for concurrent use.
type Memory struct {
	mu    sync.Mutex
	items map[string]string
}

var _ Store = (*Memory)(nil)

// NewMemory returns an empty in-memory Store.
func NewMemory() *Memory {
	return &Memory{items: make(map[string]string)}
}

// Get returns the item under key, or ErrNotFound.
func (m *Memory) Get(ctx context.Context, key string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.items[key]
	if !ok {
		return "", fmt.Errorf("memory get %q: %w", key, ErrNotFound)
	}
	return v, nil
}

// Set stores value under key; values over MaxItemSize fail with ErrTooLarge.
func (m *Memory) Set(ctx context.Context, key, value string) error {
	if err := checkSize(value); err != nil {
		return fmt.Errorf("memory set %q: %w", key, err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.items[key] = value
	return nil
}

// Delete removes the item under key; an absent key is not an error.
func (m *Memory) Delete(ctx context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.items, key)
	return nil
}

// Describe says the items are kept in memory for this session only.
func (m *Memory) Describe() string { return MemoryStorage }
