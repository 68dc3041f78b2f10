package environment

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/linkstep/linkstep/flows"
	"github.com/linkstep/linkstep/providers/sandbox"
	"github.com/linkstep/linkstep/providers/sandbox/faults"
)

// startSandbox starts the embedded sandbox on the loopback and lets front-ends sign in to its
// mock bank without a browser.
func (e *Env) startSandbox(opts Options) error {
	plan, err := faultPlan(opts)
	if err != nil {
		return err
	}
	srv, err := sandbox.Start("", sandbox.Options{Now: opts.Now, StateDir: filepath.Join(e.Parts.Common.DataDir, "sandbox"), Faults: plan})
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

// faultPlan reads the embedded sandbox's fault plan from opts.Faults, else $LINKSTEP_FAULTS; a
// plan that cannot be read is a *UsageError naming its source.
func faultPlan(opts Options) (faults.Plan, error) {
	text, source := opts.Faults, "the fault plan"
	if text == "" {
		getenv := opts.Getenv
		if getenv == nil {
			getenv = os.Getenv
		}
		text, source = getenv(EnvFaults), EnvFaults
	}
	if strings.TrimSpace(text) == "" {
		return faults.Plan{}, nil
	}
	plan, err := faults.Parse(text)
	if err != nil {
		return faults.Plan{}, &UsageError{Code: CodeUsage, Err: fmt.Errorf("%s: %w", source, err)}
	}
	return plan, nil
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
