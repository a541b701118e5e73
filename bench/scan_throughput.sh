#!/usr/bin/env bash
# Scanning throughput of `cvault scan` (full pass, all detectors) on a generated CSV, against
# ripgrep searching the same file for the same identifier patterns (regex search without
# validation: the raw speed limit). Usage: bench/scan_throughput.sh [ROWS]  (default 1,750,000 rows,
# about 1 GB). Figures are recorded in bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
CVAULT=./build/cvault
ROWS=${1:-1750000}
DIR=build/bench
FILE=$DIR/scan_${ROWS}.csv
mkdir -p "$DIR"
if [ ! -s "$FILE" ]; then
  echo "generating $FILE ($ROWS rows)..."
  $CVAULT gen-sample --rows "$ROWS" --seed 42 --out "$FILE"
fi
BYTES=$(stat -c %s "$FILE")
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')
echo "file: $FILE, $MB MB, $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
cat "$FILE" > /dev/null  # warm the page cache so every run reads from memory

# The identifier patterns of src/grading/text_scanner.cc (resident ID, USCC, bank card, legacy ID,
# mobile, passport, email, IPv4), as one alternation.
PATTERN='(?:^|[^0-9])[0-9]{17}[0-9Xx]|(?:^|[^0-9A-Za-z])[1-9A-GNY][0-9A-Z][0-9]{6}[0-9A-Z]{10}|(?:^|[^0-9])[0-9]{3}(?:[ -]?[0-9]){10,16}|(?:^|[^0-9])[0-9]{15}|(?:^|[^0-9+])(?:(?:\+|00)?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}|(?:^|[^0-9A-Za-z])(?:[EGDSP][0-9]{8}|E[A-HJ-NP-Z][0-9]{7}|[SDP]E[0-9]{7})|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}|(?:^|[^0-9.])[0-9]{1,3}(?:\.[0-9]{1,3}){3}'

# Runs a command 3 times; prints the best wall time and the CPU time (user+sys) of that run.
measure() {
  local best_wall="" best_cpu=""
  for _ in 1 2 3; do
    local out
    out=$( { /usr/bin/time -f "%e %U %S" "$@" > /dev/null; } 2>&1 | tail -1)
    local wall cpu
    wall=$(echo "$out" | awk '{print $1}')
    cpu=$(echo "$out" | awk '{print $2 + $3}')
    if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN{exit !(a<b)}'; then
      best_wall=$wall best_cpu=$cpu
    fi
  done
  echo "$best_wall $best_cpu"
}

report() {
  local name=$1 wall=$2 cpu=$3 threads=$4
  awk -v n="$name" -v w="$wall" -v c="$cpu" -v mb="$MB" -v t="$threads" 'BEGIN {
    printf "%-34s wall %6.2f s  cpu %6.2f s  %7.1f MB/s  %7.1f MB/s per core\n", n, w, c, mb / w, mb / c }'
}

read -r w c < <(measure rg -o -j1 --no-filename "$PATTERN" "$FILE"); RG_CPU=$c
report "rg -o (1 thread, no validation)" "$w" "$c" 1
for t in 1 $(nproc); do
  read -r w c < <(measure $CVAULT scan "$FILE" --threads "$t" --format json -q)
  report "cvault scan --threads $t" "$w" "$c" "$t"
  [ "$t" = 1 ] && SCAN1_WALL=$w && SCAN1_CPU=$c
  [ "$t" != 1 ] && awk -v a="$SCAN1_WALL" -v b="$w" -v t="$t" \
    'BEGIN { printf "  scaling 1 -> %d threads: %.2fx\n", t, a / b }'
done
awk -v s="$SCAN1_CPU" -v r="$RG_CPU" 'BEGIN { printf "cvault per-core speed / rg: %.2f\n", r / s }'
