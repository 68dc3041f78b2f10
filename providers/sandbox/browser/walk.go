package browser

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"syscall"
)

// maxSignInHops bounds the requests SignIn makes for one auth link.
const maxSignInHops = 20

// maxPageBytes bounds how much of a page SignIn reads.
const maxPageBytes = 2 << 20

// walker is the state of one SignIn.
type walker struct {
	client   http.Client
	req      SignInRequest
	start    *url.URL
	target   *url.URL
	loggedIn bool // the login form was submitted at least once
}

// newWalker checks the request and prepares a client that does not follow redirects.
func newWalker(hc *http.Client, req SignInRequest) (*walker, error) {
	if hc == nil {
		hc = http.DefaultClient
	}
	start, err := url.Parse(req.AuthLink)
	if err != nil || !start.IsAbs() {
		return nil, fmt.Errorf("auth link %q is not an absolute URL", req.AuthLink)
	}
	target, err := url.Parse(req.RedirectURI)
	if err != nil || !target.IsAbs() {
		return nil, fmt.Errorf("redirect URI %q is not an absolute URL", req.RedirectURI)
	}
	w := &walker{client: *hc, req: req, start: start, target: target}
	w.client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return w, nil
}

// nextRequest is the next request of the walk.
type nextRequest struct {
	method string
	u      *url.URL
	form   url.Values // body of a POST
}

// walk makes requests until the redirect URI, or a URL below it, is reached.
func (w *walker) walk(ctx context.Context) (string, error) {
	next := nextRequest{method: http.MethodGet, u: w.start}
	for range maxSignInHops {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		if atOrBelow(next.u, w.target) {
			return withQuery(next.u, next.form), nil
		}
		if !strings.EqualFold(next.u.Host, w.start.Host) {
			return "", fmt.Errorf("the pages sent the browser to %s, outside the sandbox and not the redirect URI %s",
				redactQuery(next.u), w.req.RedirectURI)
		}
		n, err := w.visit(ctx, next)
		if err != nil {
			return "", err
		}
		next = n
	}
	return "", fmt.Errorf("gave up after %d requests without reaching the redirect URI", maxSignInHops)
}

// requestError says which request failed without its query (the auth link's state, nonce and
// challenge), which *url.Error would repeat, and says so plainly when nothing listens there.
func requestError(r nextRequest, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return fmt.Errorf("%s %s: nothing answers at %s (has the sandbox stopped?): %w", r.method, redactQuery(r.u), r.u.Host, err)
	}
	return fmt.Errorf("%s %s: %w", r.method, redactQuery(r.u), err)
}

// visit makes one request and decides the next one from the answer.
func (w *walker) visit(ctx context.Context, r nextRequest) (nextRequest, error) {
	var body io.Reader
	if r.method == http.MethodPost {
		body = strings.NewReader(r.form.Encode())
	}
	hr, err := http.NewRequestWithContext(ctx, r.method, r.u.String(), body)
	if err != nil {
		return nextRequest{}, fmt.Errorf("build request: %w", err)
	}
	hr.Header.Set("Accept", "text/html")
	if r.method == http.MethodPost {
		hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := w.client.Do(hr)
	if err != nil {
		return nextRequest{}, requestError(r, err)
	}
	defer resp.Body.Close()
	if loc := resp.Header.Get("Location"); loc != "" && resp.StatusCode >= 300 && resp.StatusCode < 400 {
		u, err := r.u.Parse(loc)
		if err != nil {
			return nextRequest{}, fmt.Errorf("redirect to %q: %w", loc, err)
		}
		return nextRequest{method: http.MethodGet, u: u}, nil
	}
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt != "text/html" {
		snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		return nextRequest{}, fmt.Errorf("%s %s answered %s (%s), not a page: %s",
			r.method, redactQuery(r.u), resp.Status, mt, strings.TrimSpace(string(snippet)))
	}
	page, err := ParsePage(io.LimitReader(resp.Body, maxPageBytes))
	if err != nil {
		return nextRequest{}, fmt.Errorf("%s %s: %w", r.method, redactQuery(r.u), err)
	}
	return w.act(r.u, resp.StatusCode, page)
}

// act does what a person would do on the page.
func (w *walker) act(pageURL *url.URL, status int, page Page) (nextRequest, error) {
	if page.ErrorCode != "" {
		return nextRequest{}, &PageError{Status: status, Code: page.ErrorCode, Description: page.ErrorDescription}
	}
	if page.LoginError != "" && w.loggedIn {
		return nextRequest{}, fmt.Errorf("log in as %q: %w (%s)", w.req.Username, ErrWrongCredentials, page.LoginError)
	}
	for i := range page.Forms {
		f := &page.Forms[i]
		action, err := pageURL.Parse(f.Action)
		if err != nil {
			return nextRequest{}, fmt.Errorf("form action %q: %w", f.Action, err)
		}
		switch {
		case atOrBelow(action, w.target): // response_mode=form_post
			return submit(action, f.Method, f.Values(nil)), nil
		case f.Has("identity"):
			return w.chooseIdentity(action, f)
		case f.Has("password"):
			v := f.Values(nil)
			v.Set("username", w.req.Username)
			v.Set("password", w.req.Password)
			w.loggedIn = true
			return submit(action, f.Method, v), nil
		case f.Has("decision"):
			decision := "allow"
			if w.req.Decline {
				decision = "decline"
			}
			clicked, ok := f.Choose("decision", decision)
			if !ok {
				return nextRequest{}, fmt.Errorf("the consent page has no %q choice", decision)
			}
			return submit(action, f.Method, f.Values(clicked)), nil
		case f.Has("provider_id"):
			return w.chooseBank(action, f)
		}
	}
	return nextRequest{}, fmt.Errorf("unexpected page %q (HTTP %d) at %s: no bank, consent or login form",
		page.Title, status, redactQuery(pageURL))
}

// chooseBank picks req.BankID on the bank selection page (or the only bank offered).
func (w *walker) chooseBank(action *url.URL, f *Form) (nextRequest, error) {
	offered := f.Options("provider_id")
	bank := w.req.BankID
	if bank == "" && len(offered) == 1 {
		bank = offered[0]
	}
	if bank == "" {
		return nextRequest{}, fmt.Errorf("the auth link offers several banks (%s): choose one", strings.Join(offered, ", "))
	}
	clicked, ok := f.Choose("provider_id", bank)
	if !ok {
		return nextRequest{}, fmt.Errorf("bank %q is not offered (offered: %s)", bank, strings.Join(offered, ", "))
	}
	return submit(action, f.Method, f.Values(clicked)), nil
}

// chooseIdentity picks the person named req.Username on a page that offers people by name
// (radios or buttons named identity), or presses its cancel button when req.Decline is set.
func (w *walker) chooseIdentity(action *url.URL, f *Form) (nextRequest, error) {
	if w.req.Decline {
		cancel := cancelButton(f)
		if cancel == nil {
			return nextRequest{}, fmt.Errorf("the identity page has no cancel button")
		}
		return submit(action, f.Method, f.Values(cancel)), nil
	}
	offered := f.Options("identity")
	who := w.req.Username
	if who == "" && len(offered) == 1 {
		who = offered[0]
	}
	if who == "" {
		return nextRequest{}, fmt.Errorf("the page offers several identities (%s): choose one", strings.Join(offered, ", "))
	}
	clicked, ok := f.Choose("identity", who)
	if !ok {
		return nextRequest{}, fmt.Errorf("identity %q is not offered (offered: %s)", who, strings.Join(offered, ", "))
	}
	if clicked == nil { // a radio was checked: press the form's button that does not cancel
		for i := range f.Buttons {
			if b := &f.Buttons[i]; b != cancelButton(f) && b.Name != "identity" {
				clicked = b
				break
			}
		}
	}
	return submit(action, f.Method, f.Values(clicked)), nil
}

// cancelButton is the form's button whose value is decline or cancel, or nil.
func cancelButton(f *Form) *Control {
	for i := range f.Buttons {
		switch strings.ToLower(f.Buttons[i].Value) {
		case "decline", "cancel":
			return &f.Buttons[i]
		}
	}
	return nil
}

// submit is the request a browser makes to submit a form.
func submit(action *url.URL, method string, v url.Values) nextRequest {
	if strings.EqualFold(method, http.MethodPost) {
		return nextRequest{method: http.MethodPost, u: action, form: v}
	}
	u := *action
	u.RawQuery = v.Encode()
	return nextRequest{method: http.MethodGet, u: &u}
}
