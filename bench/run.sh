#!/usr/bin/env bash
# Runs accrue on generated ledgers of the four vendor programs, and the
# hand-written baseline (the practical limit) on the hosting one, and prints
# wall time, records per second, peak memory and the ratios.
#   bench/run.sh [RECORDS]      (default 1,000,000; 10000000 for the 10M run)
# Targets (issue 11): --totals within 2x of the baseline, --format json
# within 4x, --totals at most 100 MiB at 1M records.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000000}
BUILD_DIR=build BUILD_TYPE=Release scripts/bootstrap.sh >/dev/null
mkdir -p bench/out

# The hosting ledger has its own generator (customers, refunds, statuses at
# realistic rates); the other three programs get copies of their sample ledgers.
ledger_of() {
    local program=$1 ledger=bench/out/$1-$records.jsonl
    if [ ! -f "$ledger" ]; then
        if [ "$program" = ukraine_hosting ]; then
            build/bench/accrue-bench-generate "$records" > "$ledger"
        else
            build/bench/accrue-bench-scale "programs/$program.sample.jsonl" "$records" > "$ledger"
        fi
    fi
    echo "$ledger"
}

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
rate() { awk -v n="$2" -v t="$1" 'BEGIN { printf "%d", n / t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
row() { # label seconds records MiB [ratio]
    printf "  %-34s %8.3f s  %10s records/s  %6s MiB peak  %s\n" "$1" "$2" "$(rate "$2" "$3")" "$4" "${5:-}"
}

hosting=$(ledger_of ukraine_hosting)
# Both must agree on every partner's totals before any time means anything.
build/bench/accrue-bench-baseline "$hosting" > bench/out/baseline.csv
build/accrue run programs/ukraine_hosting.accrue --ledger "$hosting" --totals --format csv | cut -d, -f1,4,5,6,7 > bench/out/accrue.csv
if ! cmp -s bench/out/baseline.csv bench/out/accrue.csv; then
    echo "accrue and the baseline disagree on the partner totals:" >&2
    diff bench/out/baseline.csv bench/out/accrue.csv | head >&2
    exit 1
fi
baseline=$(best build/bench/accrue-bench-baseline "$hosting")
hosting_records=$(wc -l < "$hosting")
printf "best of 3 on one core, at %s\n" "$(git rev-parse --short HEAD)"
row "baseline, ukraine_hosting" "$baseline" "$hosting_records" "$(peak build/bench/accrue-bench-baseline "$hosting")"
for program in ukraine_hosting ringostat umnico message_help; do
    ledger=$(ledger_of "$program")
    n=$(wc -l < "$ledger")
    printf "%s: %s records (%s MB)\n" "$program" "$n" "$(( $(stat -c %s "$ledger") / 1000000 ))"
    for mode in "--totals --format csv" "--format json"; do
        # shellcheck disable=SC2086 # the mode is two words on purpose
        seconds=$(best build/accrue run "programs/$program.accrue" --ledger "$ledger" $mode)
        # shellcheck disable=SC2086
        mib=$(peak build/accrue run "programs/$program.accrue" --ledger "$ledger" $mode)
        # The baseline computes the hosting program only: ratios per record
        # against it are given for the others too, as the same practical limit.
        per_record=$(awk -v s="$seconds" -v n="$n" -v b="$baseline" -v m="$hosting_records" 'BEGIN { printf "%.2fx baseline per record", (s / n) / (b / m) }')
        row "accrue run ${mode% --format csv}" "$seconds" "$n" "$mib" "$per_record"
    done
done
# Out of sequence order: the same records shuffled (the same shuffle every
# run), streamed by the sorted keys of their lines.
shuffled=bench/out/ukraine_hosting-$records-shuffled.jsonl
[ -f "$shuffled" ] || shuf --random-source=<(yes) "$hosting" > "$shuffled"
printf "ukraine_hosting shuffled: %s records\n" "$hosting_records"
seconds=$(best build/accrue run programs/ukraine_hosting.accrue --ledger "$shuffled" --totals --format csv)
mib=$(peak build/accrue run programs/ukraine_hosting.accrue --ledger "$shuffled" --totals --format csv)
row "accrue run --totals" "$seconds" "$hosting_records" "$mib" "$(ratio "$seconds" "$baseline") baseline"
