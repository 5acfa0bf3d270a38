#!/usr/bin/env bash
# Runs accrue on generated ledgers of the four vendor programs, and the
# hand-written baseline (the practical limit) on the hosting one, and prints
# wall time, records per second, peak memory and the ratios.
#   bench/run.sh [RECORDS]      (default 1,000,000; 10000000 for the 10M run)
#   ROUNDS=N bench/run.sh       (default 5 rounds a figure)
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

# Wall-clock seconds of one run.
seconds_of() {
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }'
}

# The machine's speed drifts by up to a half within minutes, so a ratio is
# measured in rounds: each round runs the baseline and then the command back
# to back, and the figure is the median of the rounds' ratios per record
# (and the fastest run of each). Prints "median_ratio fastest_seconds".
rounds=${ROUNDS:-5}
paired() { # records command...
    local records=$1 ratios="" fastest=""
    shift
    for _ in $(seq "$rounds"); do
        local b a
        b=$(seconds_of build/bench/accrue-bench-baseline "$hosting")
        a=$(seconds_of "$@")
        ratios+="$(awk -v a="$a" -v b="$b" -v n="$records" -v m="$hosting_records" 'BEGIN { printf "%.4f", (a / n) / (b / m) }')"$'\n'
        fastest=$(awk -v t="$a" -v f="$fastest" 'BEGIN { print (f == "" || t < f) ? t : f }')
    done
    local median
    median=$(printf "%s" "$ratios" | sort -n | awk '{ r[NR] = $1 } END { print r[int((NR + 1) / 2)] }')
    printf "%.2f %s\n" "$median" "$fastest"
}

# Peak resident memory of one run, in MiB (GNU time's maximum RSS).
peak() {
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1 | awk '{ printf "%d", $1 / 1024 }'
}
rate() { awk -v n="$2" -v t="$1" 'BEGIN { printf "%d", n / t }'; }
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
hosting_records=$(wc -l < "$hosting")
baseline=$(seconds_of build/bench/accrue-bench-baseline "$hosting")
for _ in $(seq 2 "$rounds"); do
    t=$(seconds_of build/bench/accrue-bench-baseline "$hosting")
    baseline=$(awk -v t="$t" -v b="$baseline" 'BEGIN { print t < b ? t : b }')
done
printf "%s rounds of the baseline and accrue back to back, at %s: ratios per record are medians of the rounds' ratios\n" \
    "$rounds" "$(git rev-parse --short HEAD)"
row "baseline, ukraine_hosting (fastest)" "$baseline" "$hosting_records" "$(peak build/bench/accrue-bench-baseline "$hosting")"
for program in ukraine_hosting ringostat umnico message_help; do
    ledger=$(ledger_of "$program")
    n=$(wc -l < "$ledger")
    printf "%s: %s records (%s MB)\n" "$program" "$n" "$(( $(stat -c %s "$ledger") / 1000000 ))"
    for mode in "--totals --format csv" "--format json"; do
        # shellcheck disable=SC2086 # the mode is two words on purpose
        read -r ratio seconds < <(paired "$n" build/accrue run "programs/$program.accrue" --ledger "$ledger" $mode)
        # shellcheck disable=SC2086
        mib=$(peak build/accrue run "programs/$program.accrue" --ledger "$ledger" $mode)
        # The baseline computes the hosting program only: ratios per record
        # against it are given for the others too, as the same practical limit.
        row "accrue run ${mode% --format csv}" "$seconds" "$n" "$mib" "${ratio}x baseline per record"
    done
done
# Out of sequence order: the same records shuffled (the same shuffle every
# run), streamed by the sorted keys of their lines.
shuffled=bench/out/ukraine_hosting-$records-shuffled.jsonl
[ -f "$shuffled" ] || shuf --random-source=<(yes) "$hosting" > "$shuffled"
printf "ukraine_hosting shuffled: %s records\n" "$hosting_records"
read -r ratio seconds < <(paired "$hosting_records" build/accrue run programs/ukraine_hosting.accrue --ledger "$shuffled" --totals --format csv)
mib=$(peak build/accrue run programs/ukraine_hosting.accrue --ledger "$shuffled" --totals --format csv)
row "accrue run --totals" "$seconds" "$hosting_records" "$mib" "${ratio}x baseline"
