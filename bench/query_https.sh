#!/usr/bin/env bash
# Single-query latency over HTTPS (issue #7): wrk posting POST /api/v1/queries (reason 01) for the
# demo subjects, as bank_querier, at a fixed number of connections (moderate load).
# Usage: bench/query_https.sh [build-dir] [subjects] [seconds] [connections] [data-dir]
#   With data-dir (made by `cvault demo` + `cvault demo load`, its passphrase in DIR.passphrase,
#   its subjects in DIR.subjects.jsonl, bank_querier's one-time password in DIR.logins) the
#   existing data is used; otherwise a fresh demo with `subjects` subjects is made in a temp dir.
# Results: bench/README.md.
set -euo pipefail
BUILD=${1:-build}
SUBJECTS=${2:-10000}
SECONDS_PER_RUN=${3:-20}
CONNECTIONS=${4:-4}
DATA=${5:-}
CVAULT=$(realpath "$BUILD/cvault")
LUA=$(realpath "$(dirname "$0")/query_https.lua")
WORK=$(mktemp -d)
SERVER=
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
if [ -z "$DATA" ]; then
  DATA=$WORK/data
  "$CVAULT" demo --data "$DATA" > "$DATA.logins"
  /usr/bin/time -f "load: %e s wall, %M KiB max RSS" "$CVAULT" demo load --data "$DATA" \
    --subjects "$SUBJECTS" --seed 1 --subjects-out "$DATA.subjects.jsonl"
fi
# Generous limits: the benchmark measures queries, not the rate limiter.
cat > "$DATA/cvault.toml" <<'TOML'
[server]
address_rate = 1000000
address_burst = 1000000
user_rate = 1000000
user_burst = 1000000
TOML
chmod 600 "$DATA/cvault.toml"
"$CVAULT" serve --data "$DATA" --passphrase-file "$DATA.passphrase" --listen 127.0.0.1:0 \
  > "$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 300); do grep -q "listening on" "$WORK/serve.log" && break; sleep 0.1; done
URL=$(grep -o "https://[0-9.:]*" "$WORK/serve.log" | head -1)
PASSWORD=$(awk '$1 == "bank_querier" {print $4}' "$DATA.logins")
TOKEN=$(curl -sk -X POST "$URL/api/v1/sessions" -H 'content-type: application/json' \
  -d "{\"username\":\"bank_querier\",\"password\":\"$PASSWORD\"}" | jq -r .token)
[ -n "$TOKEN" ] && [ "$TOKEN" != null ] || { echo "login failed"; exit 1; }
curl -sk -X POST "$URL/api/v1/sessions/current/password" -H "Authorization: Bearer $TOKEN" \
  -H 'content-type: application/json' \
  -d "{\"old_password\":\"$PASSWORD\",\"new_password\":\"Bench#Xyz7-2026w\"}" > /dev/null
sed -i "s/^\(  bank_querier .*\) $PASSWORD\$/\1 Bench#Xyz7-2026w/" "$DATA.logins"
echo "== POST /api/v1/queries, reason 01, $(wc -l < "$DATA.subjects.jsonl") subjects," \
  "$CONNECTIONS connections, ${SECONDS_PER_RUN}s"
CV_SUBJECTS="$DATA.subjects.jsonl" CV_TOKEN="$TOKEN" wrk -t"$(( CONNECTIONS < 2 ? 1 : 2 ))" -c"$CONNECTIONS" \
  -d"${SECONDS_PER_RUN}s" --latency -s "$LUA" "$URL" | \
  grep -E "Requests/sec|50%|75%|90%|99%|Non-2xx|requests in|Socket|tail:"
