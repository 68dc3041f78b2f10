package browser

import (
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestParsePage(t *testing.T) {
	tests := []struct {
		name        string
		html        string
		wantValues  url.Values
		wantOptions []string // of the control named "pick"
		wantTitle   string
		wantLogin   string
	}{
		{"controls a browser submits", `<title> A  page </title><form action="/x" method="post">
			<input name="a" value="1"><input name="b"><input type="hidden" name="c" value="3">
			<input type="checkbox" name="on" checked><input type="checkbox" name="off" value="x">
			<input name="gone" value="x" disabled><input type="reset" name="r"><input name="" value="anonymous">
			<textarea name="t"> some
			text </textarea><select name="s"><option>first</option><option value="2" selected>two</option></select>
			<select name="s2"><option>only</option></select></form>`,
			url.Values{"a": {"1"}, "b": {""}, "c": {"3"}, "on": {"on"}, "t": {"some text"}, "s": {"2"}, "s2": {"only"}},
			nil, "A page", ""},
		{"buttons and radios offer choices", `<form><input type="radio" name="pick" value="r1" checked><input type="radio" name="pick" value="r2">
			<button name="pick" value="b1">B1</button><input type="submit" name="pick" value="b2"><button type="button" name="pick" value="no">x</button></form>`,
			url.Values{"pick": {"r1"}}, []string{"r1", "r2", "b1", "b2"}, "", ""},
		{"a login error", `<p id="login-error">Wrong.</p><p class="x login-error">Later.</p><form></form>`,
			url.Values{}, nil, "", "Wrong."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePage(strings.NewReader(tt.html))
			if err != nil || len(p.Forms) != 1 {
				t.Fatalf("ParsePage: %v, %d forms", err, len(p.Forms))
			}
			f := p.Forms[0]
			if got := f.Values(nil); got.Encode() != tt.wantValues.Encode() {
				t.Errorf("Values = %v, want %v", got, tt.wantValues)
			}
			if got := f.Options("pick"); !slices.Equal(got, tt.wantOptions) {
				t.Errorf("Options = %v, want %v", got, tt.wantOptions)
			}
			if p.Title != tt.wantTitle || p.LoginError != tt.wantLogin {
				t.Errorf("title %q, login error %q", p.Title, p.LoginError)
			}
		})
	}
}

func TestFormChoose(t *testing.T) {
	p, _ := ParsePage(strings.NewReader(`<form><input type="radio" name="bank" value="a" checked><input type="radio" name="bank" value="b">
		<button name="decision" value="allow">Allow</button><button name="decision" value="decline">Decline</button></form>`))
	f := p.Forms[0]
	tests := []struct {
		name, control, value string
		wantOK               bool
		want                 url.Values
	}{
		{"a button is clicked", "decision", "decline", true, url.Values{"bank": {"a"}, "decision": {"decline"}}},
		{"a radio is checked", "bank", "b", true, url.Values{"bank": {"b"}}},
		{"a value not offered", "decision", "maybe", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := f
			form.Controls = slices.Clone(f.Controls)
			clicked, ok := form.Choose(tt.control, tt.value)
			if ok != tt.wantOK {
				t.Fatalf("Choose ok = %v", ok)
			}
			if ok && form.Values(clicked).Encode() != tt.want.Encode() {
				t.Errorf("Values = %v, want %v", form.Values(clicked), tt.want)
			}
			if !form.Has(tt.control) || form.Has("nothing") {
				t.Error("Has disagrees with the form")
			}
		})
	}
}
