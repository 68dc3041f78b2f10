package ivy

import (
	"errors"
	"fmt"

	"github.com/linkstep/linkstep/providers/sandbox/kit"
)

// The state file's format and version, and how many closed sessions it keeps (the newest).
const (
	stateFormat  = "linkstep-sandbox/ivy"
	stateVersion = 1
	maxKept      = 1000
)

// stateDoc is the state file: the closed (completed or failed) sessions, oldest first, each
// with the identifiers of its external user, its market, permissions, times, outcome, bank,
// identity, accounts with balances, and consent. It never holds the API key, the webhook
// secret, callback URLs, metadata or form tokens. An example:
//
//	{
//	  "format": "linkstep-sandbox/ivy",
//	  "version": 1,
//	  "sessions": [{
//	    "id": "5f0c…", "referenceId": "linkstep-1a2b…", "market": "DE", "locale": "en",
//	    "permissions": ["identity", "accounts", "balances"],
//	    "externalUser": {"email": "jane@example.com"},
//	    "phase": "completed",
//	    "createdAt": "2026-03-14T09:26:53Z", "updatedAt": "…", "expiresAt": "…", "closedAt": "…",
//	    "bank": {"id": "mock", "name": "Mock"},
//	    "identity": {"name": "John Doe", "dateOfBirth": "1979-01-01"},
//	    "accounts": [{"id": "acc-…", "name": "Current account 1", "type": "checking", "currency": "EUR",
//	      "holderName": "John Doe", "iban": "DE…", "bban": "…", "bic": "MOCKDEFFXXX",
//	      "available": "1234.56", "current": "1234.56"}],
//	    "consentExpiresAt": "2026-06-12T09:27:10Z"
//	  }]
//	}
type stateDoc struct {
	Format   string   `json:"format"`
	Version  int      `json:"version"`
	Sessions []record `json:"sessions"`
}

// errNotAStateFile means a file is JSON but not this sandbox's state.
var errNotAStateFile = errors.New("is not a state file of the sandbox's Ivy")

// check refuses a document this sandbox did not write: another format or version, or sessions
// without their id, referenceId or outcome.
func (d stateDoc) check() error {
	if d.Format != stateFormat || d.Version != stateVersion {
		return fmt.Errorf("%w (format %q version %d; want %q version %d)", errNotAStateFile, d.Format, d.Version, stateFormat, stateVersion)
	}
	seen := map[string]bool{}
	for i, r := range d.Sessions {
		switch {
		case r.ID == "" || r.ReferenceID == "":
			return fmt.Errorf("%w: session %d has no id or referenceId", errNotAStateFile, i)
		case seen[r.ID]:
			return fmt.Errorf("%w: session %s appears twice", errNotAStateFile, r.ID)
		case r.Phase != phaseCompleted && r.Phase != phaseFailed:
			return fmt.Errorf("%w: session %s is %q, not completed or failed", errNotAStateFile, r.ID, r.Phase)
		case r.Phase == phaseCompleted && r.Bank == nil:
			return fmt.Errorf("%w: completed session %s has no bank", errNotAStateFile, r.ID)
		}
		seen[r.ID] = true
	}
	return nil
}

// stateFile reads and writes the state file.
type stateFile struct {
	f kit.StateFile
}

// load returns the records the file keeps, none when there is no file. A file that is not
// this sandbox's state is an error saying it is left untouched.
func (sf *stateFile) load() ([]record, error) {
	var doc stateDoc
	found, err := sf.f.Load(&doc)
	if err == nil && found {
		if err = doc.check(); err != nil {
			err = fmt.Errorf("state file %s %w", sf.f.Path, err)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%w; the file is left untouched: move it away or delete it to start afresh", err)
	}
	return doc.Sessions, nil
}

// save replaces the file with the records, atomically.
func (sf *stateFile) save(records []record) error {
	if records == nil {
		records = []record{}
	}
	return sf.f.Save(stateDoc{Format: stateFormat, Version: stateVersion, Sessions: records})
}
