package headless

import (
	"fmt"

	"github.com/linkstep/linkstep/flows"
)

// chooseConnection answers with --connection, naming the stored ones when it is missing or
// unknown.
func (h *Asker) chooseConnection(p flows.ChooseConnection) (flows.Answer, error) {
	ids := make([]string, 0, len(p.Connections))
	for _, c := range p.Connections {
		if c.ID == h.answers.Connection {
			if !c.Usable {
				return nil, &flows.Error{Code: "unusable_connection", Description: fmt.Sprintf("connection %s cannot be used: %s", c.ID, c.Why)}
			}
			return flows.ConnectionChoice{ID: c.ID}, nil
		}
		ids = append(ids, c.ID)
	}
	if h.answers.Connection != "" {
		return nil, &InvalidAnswerError{Question: fmt.Sprintf("no stored %s connection %q in the %s environment", p.Provider, h.answers.Connection, p.Environment), Flag: "--connection", Valid: ids}
	}
	return nil, &flows.MissingAnswerError{Question: fmt.Sprintf("which %s connection to %s", p.Provider, p.Purpose), Flag: "--connection", Valid: ids}
}

// reconfirmConsent answers with --name, --email or --phone, and --reconfirm, all required:
// the user's explicit reconfirmation is what extending a connection stands on.
func (h *Asker) reconfirmConsent(p flows.ReconfirmConsent) (flows.Answer, error) {
	u := h.answers.User
	switch {
	case !h.answers.Reconfirm:
		return nil, &flows.MissingAnswerError{Question: fmt.Sprintf("the user must reconfirm consent to share their data with %s for %s", p.Recipient, p.Validity), Flag: "--reconfirm"}
	case h.answers.Name == "":
		return nil, &flows.MissingAnswerError{Question: "the reconfirmation needs the user's full name", Flag: "--name"}
	case u.Email == "" && u.Phone == "":
		return nil, &flows.MissingAnswerError{Question: "the reconfirmation needs the user's email or phone", Flag: "--email", Or: []string{"--phone"}}
	}
	kinds := fmt.Sprintf("%d kinds", len(p.Shares))
	if len(p.Shares) == 1 {
		kinds = "1 kind"
	}
	h.printf("consent reconfirmed by %s: %s continues to receive %s of data for %s\n", h.answers.Name, p.Recipient, kinds, p.Validity)
	return flows.ConsentReconfirmed{Name: h.answers.Name, Email: u.Email, Phone: u.Phone, Confirmed: true}, nil
}
