#!/usr/bin/env bash
# Server throughput (issue #6): requests per second and latency with wrk over TLS keep-alive for
# GET /healthz and for an authenticated, authorized, audited GET (/api/v1/institutions as the
# security officer), plus new TLS handshakes per second (openssl s_time). Results: bench/README.md.
# Usage: bench/server_throughput.sh [build-dir] [seconds] [connections]
set -euo pipefail
BUILD=${1:-build}
SECONDS_PER_RUN=${2:-10}
CONNECTIONS=${3:-64}
CVAULT=$(realpath "$BUILD/cvault")
WORK=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
cd "$WORK"
head -c 24 /dev/urandom | base64 > passphrase
echo 'Chief#2026pw' > password
"$CVAULT" init --data data --passphrase-file passphrase --kdf-memory-mib 19 \
  --admin-user officer --admin-password-file password --admin-totp-out totp > /dev/null
# Generous limits: the benchmark measures the server, not the rate limiter.
cat > data/cvault.toml <<'TOML'
[server]
address_rate = 1000000
address_burst = 1000000
user_rate = 1000000
user_burst = 1000000
TOML
chmod 600 data/cvault.toml
"$CVAULT" serve --data data --passphrase-file passphrase --listen 127.0.0.1:0 > serve.log 2>&1 &
SERVER=$!
for _ in $(seq 100); do grep -q "listening on" serve.log && break; sleep 0.1; done
URL=$(grep -o "https://[0-9.:]*" serve.log | head -1)
SECRET=$(sed -n 's/.*secret=\([A-Z2-7]*\).*/\1/p' totp)
CODE=$(oathtool --totp -b "$SECRET")
TOKEN=$(curl -sk -X POST "$URL/api/v1/sessions" -H 'content-type: application/json' \
  -d "{\"username\":\"officer\",\"password\":\"Chief#2026pw\",\"otp\":\"$CODE\"}" |
  sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || { echo "login failed"; exit 1; }
if [ -z "${SKIP_HEALTHZ:-}" ]; then echo "== GET /healthz ($CONNECTIONS connections, ${SECONDS_PER_RUN}s)"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$URL/healthz" | \
  grep -E "Requests/sec|50%|99%|Non-2xx"
fi
echo "== GET /api/v1/institutions, authenticated + authorized + audited"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency \
  -H "Authorization: Bearer $TOKEN" "$URL/api/v1/institutions" | \
  grep -E "Requests/sec|50%|99%|Non-2xx"
echo "== new TLS handshakes (openssl s_time, full handshakes, 1 client)"
HOSTPORT=${URL#https://}
openssl s_time -connect "$HOSTPORT" -new -time "$SECONDS_PER_RUN" 2>/dev/null | \
  grep -E "connections/user sec|connections in" | head -2
