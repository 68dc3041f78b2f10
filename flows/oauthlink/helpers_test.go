package oauthlink_test

import (
	"errors"

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
