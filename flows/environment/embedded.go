package environment

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/providers/sandbox"
)

// startSandbox starts the embedded sandbox on the loopback and lets front-ends sign in to its
// mock bank without a browser.
func (e *Env) startSandbox(opts Options) error {
	srv, err := sandbox.Start("", sandbox.Options{Now: opts.Now, StateDir: filepath.Join(e.Parts.Common.DataDir, "sandbox")})
	if err != nil {
		return fmt.Errorf("start the embedded sandbox: %w", err)
	}
	e.Sandbox = srv
	e.SandboxURL = srv.URLs().Base
	e.useEmbedded(srv)
	e.closers = append(e.closers, srv.Close)
	e.Parts.Common.MockBank = e.signInToMockBank
	return nil
}

// signInToMockBank walks the mock bank's pages with the recording HTTP client, so the pages
// show in the transcript too; a refused password is a retryable journey error.
func (e *Env) signInToMockBank(ctx context.Context, r flows.MockBankSignIn) (string, error) {
	u, err := sandbox.SignIn(ctx, e.HTTP, sandbox.SignInRequest{
		AuthLink: r.AuthLink, RedirectURI: r.RedirectURI, BankID: r.BankID,
		Username: r.Username, Password: r.Password, Decline: r.Decline,
	})
	if errors.Is(err, sandbox.ErrWrongCredentials) {
		return "", &flows.Error{Code: "mock_bank_login_failed", Description: fmt.Sprintf("the mock bank refused the password for %q (try john/doe)", r.Username), Retryable: true}
	}
	return u, err
}
