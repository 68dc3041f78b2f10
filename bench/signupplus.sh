#!/usr/bin/env bash
# Makes, with curl, the HTTP calls 'linkstep run truelayer/signup-plus --username john1
# --password doe1 --sandbox URL' makes (see its --curl): read the sandbox's client, the
# providers list, the auth link, the consent page and its form, the bank's login page and its
# form, the code exchange, /data/v1/me and /signup-plus/accounts. It is what bench/run.sh
# measures linkstep's headless journey against. Loopback only: it refuses any other URL.
# Usage: bench/signupplus.sh http://127.0.0.1:PORT
set -euo pipefail
base=${1:?usage: $0 http://127.0.0.1:PORT}
case $base in http://127.0.0.1:* | http://localhost:* | http://\[::1\]:*) ;; *) echo "$0: not a loopback URL: $base" >&2; exit 2 ;; esac
auth=$base/truelayer/auth api=$base/truelayer/api
redirect=http://127.0.0.1:9/callback # never requested: the bank's redirect is read from Location
c() { curl -sS --max-time 10 --fail "$@"; }
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
formtoken() { sed -n 's/.*name="form_token" value="\([^"]*\)".*/\1/p'; }

client=$(c "$base/.linkstep/client")
id=$(jq -r .client_id <<<"$client")
secret=$(jq -r .client_secret <<<"$client")
c -o /dev/null "$auth/api/providers?client_id=$id" -H 'Accept: application/json'

state=$(openssl rand 32 | b64url) nonce=$(openssl rand 32 | b64url) verifier=$(openssl rand 32 | b64url)
challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | b64url)
link="$auth/?response_type=code&client_id=$id&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcallback&scope=info%20accounts%20balance%20offline_access%20signupplus&state=$state&providers=uk-cs-mock%20uk-ob-all&provider_id=mock&nonce=$nonce&code_challenge=$challenge&code_challenge_method=S256"
consent=$(c -o /dev/null -w '%{redirect_url}' "$link" -H 'Accept: text/html')
token=$(c "$consent" -H 'Accept: text/html' | formtoken)
bank=$(c -o /dev/null -w '%{redirect_url}' "$consent" -H 'Accept: text/html' --data-urlencode decision=allow --data-urlencode "form_token=$token")
token=$(c "$bank" -H 'Accept: text/html' | formtoken)
landed=$(c -o /dev/null -w '%{redirect_url}' "$bank" -H 'Accept: text/html' --data-urlencode "form_token=$token" \
  --data-urlencode username=john1 --data-urlencode password=doe1)
code=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$landed")
[[ $landed == *"state=$state"* && -n $code ]] || { echo "$0: the bank's redirect carries no code for our state: $landed" >&2; exit 1; }

access=$(c "$auth/connect/token" --data-urlencode "client_id=$id" --data-urlencode "client_secret=$secret" \
  --data-urlencode "code=$code" --data-urlencode "code_verifier=$verifier" --data-urlencode grant_type=authorization_code \
  --data-urlencode "redirect_uri=$redirect" | jq -r .access_token)
c -o /dev/null "$api/data/v1/me" -H 'Accept: application/json' -H "Authorization: Bearer $access"
c "$api/signup-plus/accounts" -H 'Accept: application/json' -H "Authorization: Bearer $access" | jq -e . >/dev/null
