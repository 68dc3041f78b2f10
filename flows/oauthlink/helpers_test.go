package oauthlink_test

import (
	"errors"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/linkstep/linkstep/flows/oauthlink"
)

// describe returns the code and description of an *oauthlink.Error, or "" and the message.
func describe(err error) (code, description string) {
	var e *oauthlink.Error
	if errors.As(err, &e) {
		return string(e.Code), e.Description
	}
	if err == nil {
		return "", ""
	}
	return "", err.Error()
}

// told collects what a listener told OnRefused.
type told struct {
	mu      sync.Mutex
	reasons []string
}

func (t *told) add(reason string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.reasons = append(t.reasons, reason)
}

func (t *told) all() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return slices.Clone(t.reasons)
}

func skipOnWindows(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("Unix file modes do not apply on Windows")
	}
}
