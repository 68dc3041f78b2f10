package browser

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// testRedirectURI is where the fake site's sign-ins end.
const testRedirectURI = "http://127.0.0.1:53682/callback"

// page writes a minimal HTML page with the given body.
func page(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, "<!doctype html><html><head><title>fake</title></head><body>%s</body></html>", body)
}

// newFakeSite serves hosted pages that are not any provider's: a bank choice, a consent
// choice and a login, marked the way package browser reads them.
func newFakeSite(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /link", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/select", http.StatusFound)
	})
	mux.HandleFunc("GET /link1", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/select1", http.StatusFound)
	})
	mux.HandleFunc("GET /select", func(w http.ResponseWriter, _ *http.Request) {
		page(w, 200, `<form method="post" action="/select"><input type="hidden" name="form_token" value="ft">
			<button name="provider_id" value="alpha">Alpha</button><button name="provider_id" value="beta">Beta</button></form>`)
	})
	mux.HandleFunc("GET /select1", func(w http.ResponseWriter, _ *http.Request) {
		page(w, 200, `<form method="post" action="/select"><input type="hidden" name="form_token" value="ft">
			<button name="provider_id" value="alpha">Alpha</button></form>`)
	})
	mux.HandleFunc("POST /select", func(w http.ResponseWriter, r *http.Request) {
		if r.PostFormValue("form_token") != "ft" {
			page(w, 400, `<code id="error-code">invalid_request</code><p id="error-description">no token</p>`)
			return
		}
		http.Redirect(w, r, "/consent?bank="+r.PostFormValue("provider_id"), http.StatusSeeOther)
	})
	mux.HandleFunc("GET /consent", func(w http.ResponseWriter, r *http.Request) {
		page(w, 200, `<form method="post" action="consent?bank=`+r.URL.Query().Get("bank")+`">
			<button name="decision" value="allow">Allow</button><button name="decision" value="decline">Decline</button></form>`)
	})
	mux.HandleFunc("POST /consent", func(w http.ResponseWriter, r *http.Request) {
		if r.PostFormValue("decision") == "decline" {
			http.Redirect(w, r, testRedirectURI+"?error=access_denied", http.StatusFound)
			return
		}
		http.Redirect(w, r, "/login?bank="+r.URL.Query().Get("bank"), http.StatusSeeOther)
	})
	login := func(w http.ResponseWriter, r *http.Request, status int, loginError string) {
		page(w, status, loginError+`<form method="post" action="/login?`+r.URL.RawQuery+`">
			<input name="username"><input type="password" name="password"><button>Log in</button></form>`)
	}
	mux.HandleFunc("GET /login", func(w http.ResponseWriter, r *http.Request) { login(w, r, 200, "") })
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		if r.PostFormValue("username") != "ada" || r.PostFormValue("password") != "lovelace" {
			login(w, r, http.StatusUnauthorized, `<p class="login-error">Nope.</p>`)
			return
		}
		code := "c0de-" + r.URL.Query().Get("bank")
		if r.URL.Query().Get("mode") == "form_post" {
			page(w, 200, `<form method="post" action="`+testRedirectURI+`"><input type="hidden" name="code" value="`+code+`">
				<input type="hidden" name="state" value="st"></form>`)
			return
		}
		http.Redirect(w, r, testRedirectURI+"?code="+code, http.StatusFound)
	})
	mux.HandleFunc("GET /formpost", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/login?bank=alpha&mode=form_post", http.StatusFound)
	})
	mux.HandleFunc("GET /broken", func(w http.ResponseWriter, _ *http.Request) {
		page(w, 400, `<code id="error-code">unauthorized_client</code><p id="error-description">Who are you?</p>`)
	})
	mux.HandleFunc("GET /json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"error":"nope"}`)
	})
	mux.HandleFunc("GET /empty", func(w http.ResponseWriter, _ *http.Request) { page(w, 200, "<p>nothing to do</p>") })
	mux.HandleFunc("GET /loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("GET /away", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://elsewhere.example/x?secret=s3cr3t", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}
