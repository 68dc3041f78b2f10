// Package mockbank is the neutral mock bank every provider sandbox signs its users in at: the
// documented mock users (john/doe and johnN/doeN, the iban passwords, john/eternal, the
// error.* users), their deterministic accounts, account numbers, sort codes and IBANs (UK ones,
// and per account in a country: German for DE), the person behind them, and its login page; and its named customers (Janet Davidson, Alix Rayner,
// Gary Humphrey: OneID's test identities) with their accounts and balances, and the page that
// offers them by name. The error.* users' failures are typed kinds; each
// provider sandbox answers them with its own error bodies, none of which live here.
package mockbank
