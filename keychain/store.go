package keychain

import "context"

// Store keeps small secret items by key.
type Store interface {
	// Get returns the item stored under key, or an error wrapping ErrNotFound when there is none.
	Get(ctx context.Context, key string) (string, error)
	// Set stores value under key, replacing any previous value; values over MaxItemSize fail with ErrTooLarge.
	Set(ctx context.Context, key, value string) error
	// Delete removes the item stored under key; deleting an absent key is not an error.
	Delete(ctx context.Context, key string) error
	// Describe says, for the user, where the items live.
	Describe() string
}
