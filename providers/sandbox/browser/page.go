package browser

import (
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Control is one named control of an HTML form.
type Control struct {
	Name, Value, Type string
	Checked           bool // for checkboxes and radio buttons
}

// Form is a form as a browser would submit it.
type Form struct {
	Action, Method string
	Controls       []Control // everything submitted without a click
	Buttons        []Control // submit buttons; only the clicked one is submitted
}

// Page is what SignIn needs to know about a page.
type Page struct {
	Title            string
	Forms            []Form
	ErrorCode        string // text of #error-code on an error page
	ErrorDescription string // text of #error-description
	LoginError       string // text of #login-error or .login-error
}

// ParsePage reads the forms and the error markers of a page.
func ParsePage(r io.Reader) (Page, error) {
	doc, err := html.Parse(r)
	if err != nil {
		return Page{}, fmt.Errorf("parse page: %w", err)
	}
	var p Page
	var form *Form
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				p.Title = textOf(n)
			case atom.Form:
				p.Forms = append(p.Forms, Form{Action: attr(n, "action"), Method: attr(n, "method")})
				form = &p.Forms[len(p.Forms)-1]
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
				form = nil
				return
			case atom.Input, atom.Button, atom.Select, atom.Textarea:
				if form != nil {
					addControl(form, n)
				}
			}
			switch {
			case attr(n, "id") == "error-code":
				p.ErrorCode = textOf(n)
			case attr(n, "id") == "error-description":
				p.ErrorDescription = textOf(n)
			case attr(n, "id") == "login-error" || slices.Contains(strings.Fields(attr(n, "class")), "login-error"):
				if p.LoginError == "" {
					p.LoginError = textOf(n)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return p, nil
}

// addControl adds a form element to the form the way a browser would consider it.
func addControl(f *Form, n *html.Node) {
	name := attr(n, "name")
	_, disabled := attrOK(n, "disabled")
	if disabled {
		return
	}
	switch n.DataAtom {
	case atom.Button:
		typ := strings.ToLower(attr(n, "type"))
		if typ == "" || typ == "submit" {
			f.Buttons = append(f.Buttons, Control{Name: name, Value: attr(n, "value"), Type: "submit"})
		}
	case atom.Input:
		typ := strings.ToLower(attr(n, "type"))
		if typ == "" {
			typ = "text"
		}
		_, checked := attrOK(n, "checked")
		value, hasValue := attrOK(n, "value")
		switch typ {
		case "submit", "image":
			f.Buttons = append(f.Buttons, Control{Name: name, Value: value, Type: "submit"})
		case "reset", "button", "file":
		case "checkbox", "radio":
			if !hasValue {
				value = "on"
			}
			f.Controls = append(f.Controls, Control{Name: name, Value: value, Type: typ, Checked: checked})
		default:
			f.Controls = append(f.Controls, Control{Name: name, Value: value, Type: typ})
		}
	case atom.Textarea:
		f.Controls = append(f.Controls, Control{Name: name, Value: textOf(n), Type: "textarea"})
	case atom.Select:
		f.Controls = append(f.Controls, Control{Name: name, Value: selectedOption(n), Type: "select"})
	}
}

// Values are what submitting the form sends when clicked (which may be nil) is pressed.
func (f Form) Values(clicked *Control) url.Values {
	v := url.Values{}
	for _, c := range f.Controls {
		if c.Name == "" || ((c.Type == "checkbox" || c.Type == "radio") && !c.Checked) {
			continue
		}
		v.Add(c.Name, c.Value)
	}
	if clicked != nil && clicked.Name != "" {
		v.Add(clicked.Name, clicked.Value)
	}
	return v
}

// Has reports whether the form has a control or button with the name.
func (f Form) Has(name string) bool {
	named := func(c Control) bool { return c.Name == name }
	return slices.ContainsFunc(f.Controls, named) || slices.ContainsFunc(f.Buttons, named)
}

// Options are the values a control or button with the name offers (buttons and radios).
func (f Form) Options(name string) []string {
	var opts []string
	for _, c := range append(slices.Clone(f.Controls), f.Buttons...) {
		if c.Name == name && (c.Type == "submit" || c.Type == "radio") {
			opts = append(opts, c.Value)
		}
	}
	return opts
}

// Choose selects the radio with name and value, or returns the button with them to click.
func (f *Form) Choose(name, value string) (clicked *Control, ok bool) {
	for i := range f.Buttons {
		if f.Buttons[i].Name == name && f.Buttons[i].Value == value {
			return &f.Buttons[i], true
		}
	}
	found := false
	for i := range f.Controls {
		c := &f.Controls[i]
		if c.Name == name && c.Type == "radio" {
			c.Checked = c.Value == value
			found = found || c.Checked
		}
	}
	return nil, found
}

// selectedOption is the value a select submits: the selected option, else the first.
func selectedOption(n *html.Node) string {
	var first, selected *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Option {
			if first == nil {
				first = n
			}
			if _, ok := attrOK(n, "selected"); ok && selected == nil {
				selected = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	if selected == nil {
		selected = first
	}
	if selected == nil {
		return ""
	}
	if v, ok := attrOK(selected, "value"); ok {
		return v
	}
	return textOf(selected)
}

// attr returns the value of an attribute, or "".
func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

// attrOK returns the value of an attribute and whether it is present.
func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// textOf is the element's text with whitespace collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}
