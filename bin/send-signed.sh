#!/usr/bin/env bash
# Sends a file to a source endpoint of the hub, signed as docs/security.md §2 describes (HMAC-SM3; needs OpenSSL 3 and curl).
# usage: SOURCE_KEY_ID=… SOURCE_SECRET=… bin/send-signed.sh https://hub.example city-320500 body.json [validate]
# A handler system's case events: ENDPOINT=case-events (default evaluations), e.g.
#   ENDPOINT=case-events SOURCE_KEY_ID=… SOURCE_SECRET=… bin/send-signed.sh https://hub.example handler-12345 steps.json
set -euo pipefail
if [ $# -lt 3 ] || [ -z "${SOURCE_KEY_ID:-}" ] || [ -z "${SOURCE_SECRET:-}" ]; then
  echo "usage: SOURCE_KEY_ID=… SOURCE_SECRET=… $0 <hub url> <source id> <body file> [validate]" >&2
  exit 2
fi
hub=$1 source=$2 file=$3
endpoint=${ENDPOINT:-evaluations}
case "$endpoint" in evaluations|case-events) ;; *) echo "ENDPOINT must be evaluations or case-events" >&2; exit 2 ;; esac
path="/api/v1/sources/$source/$endpoint${4:+/validate}"
ts=$(date +%s)
nonce=$(openssl rand -hex 16)
body_sm3=$(openssl dgst -sm3 -r "$file" | cut -d' ' -f1)
signature=$(printf 'POST\n%s\n%s\n%s\n%s' "$path" "$ts" "$nonce" "$body_sm3" \
            | openssl dgst -sm3 -hmac "$SOURCE_SECRET" -r | cut -d' ' -f1)
curl -sS -X POST "$hub$path" \
     -H 'Content-Type: application/json' \
     -H "X-Hub-Key-Id: $SOURCE_KEY_ID" -H "X-Hub-Timestamp: $ts" -H "X-Hub-Nonce: $nonce" \
     -H "X-Hub-Content-SM3: $body_sm3" -H "X-Hub-Signature: $signature" \
     --data-binary "@$file"
echo
