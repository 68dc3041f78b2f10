package kit

import (
	"html/template"
	"net/http"
)

// ErrorPage is the data of the error page: an error the browser cannot be redirected with.
// The code and description carry the ids error-code and error-description, which a walker
// such as package browser reads.
type ErrorPage struct {
	Title       string
	Brand       string // who shows the page, e.g. "TrueLayer · sandbox"
	Status      int
	Code        string
	Description string
}

// RenderError shows the error page with the page's status.
func (p *Pages) RenderError(w http.ResponseWriter, e ErrorPage) {
	p.Render(w, e.Status, ErrorPageName, e)
}

// FormPostPage is the data of the response_mode=form_post page: a form that posts the fields
// to the client's redirect URI as soon as the page loads.
type FormPostPage struct {
	Title  string
	Brand  string
	Action template.URL // the redirect URI, already checked against the allowed ones
	Fields []Field
}

// RenderFormPost shows the auto-submitting form_post page.
func (p *Pages) RenderFormPost(w http.ResponseWriter, f FormPostPage) {
	p.Render(w, http.StatusOK, FormPostPageName, f)
}
