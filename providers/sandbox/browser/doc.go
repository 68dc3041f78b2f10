// Package browser walks a sandbox's hosted pages the way a person in a browser would: it
// picks the bank, allows or declines consent and logs in to the mock bank (or picks a person
// the mock bank offers by name, or cancels), following redirects and forms until the client's
// redirect URI or a URL below it (such as a hosted flow's success and error callbacks), which
// it returns without requesting. It knows the pages by their forms and markers (a
// provider_id choice, an identity choice, a decision choice, a password field, the error-code
// and login-error elements), not by a provider, so every provider sandbox's pages can be
// walked with it. ParsePage is the HTML reading it uses.
package browser
