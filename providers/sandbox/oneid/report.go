package oneid

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// handleReport serves GET /userinfo/report: a PDF of the verified identity, with the claims of
// the granted scopes (as /userinfo gives them), what the person typed, and the fraud checks.
func (h *Handler) handleReport(w http.ResponseWriter, r *http.Request) {
	g, ok := h.authorize(w, r, "", 0)
	if !ok {
		return
	}
	id, c, _ := findIdentity(g.Identity)
	pdf, err := renderReport(userInfo(id, c.Person, g.Scopes), h.now())
	if err != nil {
		writeError(w, &apiError{http.StatusInternalServerError, "server_error", err.Error()})
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/pdf")
	hd.Set("Content-Disposition", `inline; filename="oneid-report-`+id.Subject+`.pdf"`)
	hd.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(pdf)
}

// reportRow is one label and value of the report.
type reportRow struct{ Label, Value string }

// renderReport lays the identity out as a one-page PDF dated now.
func renderReport(u userInfoBody, now time.Time) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(20, 20, 20)
	pdf.SetCatalogSort(true) // fonts in a fixed order: the same identity gives the same bytes
	pdf.SetCreationDate(now)
	pdf.SetModificationDate(now)
	pdf.SetTitle("OneID identity report", false)
	pdf.SetSubject("Bank-verified identity of "+u.Subject, false)
	pdf.SetAuthor("OneID sandbox", false)
	pdf.SetCreator("linkstep embedded sandbox", false)
	pdf.AddPage()
	tr := pdf.UnicodeTranslatorFromDescriptor("")

	pdf.SetFont("Helvetica", "B", 18)
	pdf.CellFormat(0, 10, "OneID identity report", "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 9)
	pdf.SetTextColor(110, 119, 129)
	pdf.CellFormat(0, 5, "Sandbox test data, generated "+now.UTC().Format("2 January 2006 15:04 MST"), "", 1, "L", false, 0, "")
	pdf.CellFormat(0, 5, "Subject "+u.Subject, "", 1, "L", false, 0, "")
	pdf.SetTextColor(0, 0, 0)

	section := func(title string, rows []reportRow) {
		pdf.Ln(5)
		pdf.SetFont("Helvetica", "B", 12)
		pdf.CellFormat(0, 8, title, "B", 1, "L", false, 0, "")
		pdf.Ln(1)
		for _, row := range rows {
			pdf.SetFont("Helvetica", "B", 10)
			pdf.CellFormat(60, 6, tr(row.Label), "", 0, "L", false, 0, "")
			pdf.SetFont("Helvetica", "", 10)
			pdf.MultiCell(0, 6, tr(row.Value), "", "L", false)
		}
	}
	section("Verified identity", verifiedRows(u))
	if u.Unverified != nil {
		section("What the user typed (unverified)", claimRows(u.Unverified.Claims))
	}
	if u.Fraud != nil {
		section("Fraud checks", fraudRows(*u.Fraud))
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("make the PDF report: %w", err)
	}
	return buf.Bytes(), nil
}

// verifiedRows are the verified claims the report shows; a claim not granted says so.
func verifiedRows(u userInfoBody) []reportRow {
	orNot := func(v string) string {
		if v == "" {
			return "not shared"
		}
		return v
	}
	return []reportRow{
		{"Name", orNot(u.Name)},
		{"Date of birth", orNot(u.Birthdate)},
		{"Address", orNot(addressLine(u.Address))},
		{"Email", orNot(u.Email)},
		{"Phone", orNot(u.PhoneNumber)},
	}
}

// claimRows are the claims a person typed.
func claimRows(c claimSet) []reportRow {
	var rows []reportRow
	for _, row := range []reportRow{{"Name", c.Name}, {"Date of birth", c.Birthdate}, {"Address", addressLine(c.Address)},
		{"Email", c.Email}, {"Phone", c.PhoneNumber}} {
		if row.Value != "" {
			rows = append(rows, row)
		}
	}
	return rows
}

// addressLine is an address on one line.
func addressLine(a *addressClaim) string {
	if a == nil {
		return ""
	}
	var parts []string
	for _, p := range []string{a.StreetAddress, a.Locality, a.Region, a.PostalCode, a.Country} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// fraudRows summarise the fraud checks: how many raised an alert, then each check.
func fraudRows(f fraudBlock) []reportRow {
	yesNo := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	listed := func(b bool) string {
		if b {
			return "listed"
		}
		return "not listed"
	}
	checks := []struct {
		label  string
		value  string
		raised bool
	}{
		{"National SIRA: fraud", listed(f.NationalSIRAFraud), f.NationalSIRAFraud},
		{"National SIRA: victim", listed(f.NationalSIRAVictim), f.NationalSIRAVictim},
		{"Death registration match", yesNo(f.DisclosureOfDeathRegistrationInformationMatch), f.DisclosureOfDeathRegistrationInformationMatch},
		{"Amberhill match", yesNo(f.AmberhillMatch), f.AmberhillMatch},
		{"Identity fraud score", strconv.Itoa(f.IdentityFraudScore), f.IdentityFraudScore > 0},
		{"Activity history score", strconv.Itoa(f.ActivityHistoryScore), f.ActivityHistoryScore > 0},
		{"Not matched in the databases", yesNo(f.NoMatch), f.NoMatch},
	}
	var raised []string
	for _, c := range checks {
		if c.raised {
			raised = append(raised, c.label)
		}
	}
	summary := "no check raised an alert"
	switch {
	case !f.SearchPerformed:
		summary = "no fraud search was performed"
	case len(raised) == 1:
		summary = "1 check raised an alert: " + raised[0]
	case len(raised) > 1:
		summary = fmt.Sprintf("%d checks raised an alert: %s", len(raised), strings.Join(raised, ", "))
	}
	rows := []reportRow{{"Summary", summary}, {"Fraud search performed", yesNo(f.SearchPerformed)}}
	for _, c := range checks {
		rows = append(rows, reportRow{c.label, c.value})
	}
	return rows
}
