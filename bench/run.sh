#!/usr/bin/env bash
# Runs accrue and the hand-written baseline on the same generated hosting
# ledger and prints records per second and the ratios (accrue / baseline).
#   bench/run.sh [RECORDS]      (default 1,000,000)
# Targets: partner totals within 2x of the baseline, the full JSON report within 5x.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000000}
BUILD_DIR=build BUILD_TYPE=Release scripts/bootstrap.sh >/dev/null
mkdir -p bench/out
ledger=bench/out/hosting-$records.jsonl
[ -f "$ledger" ] || build/bench/accrue-bench-generate "$records" > "$ledger"
program=programs/ukraine_hosting.accrue

# Best of three wall-clock runs, in seconds.
best() {
    local best_time=""
    for _ in 1 2 3; do
        local start end
        start=$(date +%s.%N)
        "$@" > /dev/null
        end=$(date +%s.%N)
        best_time=$(awk -v s="$start" -v e="$end" -v b="$best_time" 'BEGIN { t = e - s; if (b == "" || t < b) print t; else print b }')
    done
    echo "$best_time"
}

# Peak resident memory of one run, in MiB (GNU time's maximum RSS).
peak() {
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1 | awk '{ printf "%d", $1 / 1024 }'
}

# Both must agree on every partner's totals before any time means anything.
build/bench/accrue-bench-baseline "$ledger" > bench/out/baseline.csv
build/accrue run "$program" --ledger "$ledger" --totals --format csv | cut -d, -f1,4,5,6,7 > bench/out/accrue.csv
if ! cmp -s bench/out/baseline.csv bench/out/accrue.csv; then
    echo "accrue and the baseline disagree on the partner totals:" >&2
    diff bench/out/baseline.csv bench/out/accrue.csv | head >&2
    exit 1
fi

baseline=$(best build/bench/accrue-bench-baseline "$ledger")
totals=$(best build/accrue run "$program" --ledger "$ledger" --totals --format json)
full=$(best build/accrue run "$program" --ledger "$ledger" --format json)
baseline_rss=$(peak build/bench/accrue-bench-baseline "$ledger")
totals_rss=$(peak build/accrue run "$program" --ledger "$ledger" --totals --format json)
full_rss=$(peak build/accrue run "$program" --ledger "$ledger" --format json)
size=$(stat -c %s "$ledger")
rate() { awk -v n="$records" -v t="$1" 'BEGIN { printf "%d", n / t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf "%s records (%s MB), best of 3 on one core\n" "$records" "$((size / 1000000))"
printf "  %-28s %8.3f s  %12s records/s  %6s MiB peak\n" "baseline (hand-written)" "$baseline" "$(rate "$baseline")" "$baseline_rss"
printf "  %-28s %8.3f s  %12s records/s  %6s MiB peak  %5sx baseline\n" "accrue run --totals" "$totals" "$(rate "$totals")" "$totals_rss" "$(ratio "$totals" "$baseline")"
printf "  %-28s %8.3f s  %12s records/s  %6s MiB peak  %5sx baseline\n" "accrue run --format json" "$full" "$(rate "$full")" "$full_rss" "$(ratio "$full" "$baseline")"
