package main

import (
	"strconv"
	"strings"
)

// envPresenter turns presenter mode on like --presenter: LINKSTEP_PRESENTER=1.
const envPresenter = "LINKSTEP_PRESENTER"

// presenterMode reports whether the TUI masks personal data on screen: --presenter, or
// $LINKSTEP_PRESENTER set to a true value (1, true); a value that is neither true nor false is a
// usage error naming the variable.
func presenterMode(flag bool, getenv func(string) string) (bool, error) {
	v := strings.TrimSpace(getenv(envPresenter))
	if flag || v == "" {
		return flag, nil
	}
	on, err := strconv.ParseBool(v)
	if err != nil {
		return false, usageError(codeInvalidFlag, "%s=%q: want 1 (presenter mode) or 0", envPresenter, v)
	}
	return on, nil
}
