#!/usr/bin/env bash
# The hub pass as jobs shared by several processes on one PostgreSQL store: the four real histories,
# four weeks, two languages, two targets, run by 1, 2 and 4 `prhub run` processes at once (each on a fresh
# schema), next to the same pass by one process on SQLite. Prints wall time, jobs/s, and the messages
# delivered twice or not at all (target 0). On 2 cores the point is correctness and no collapse under
# contention, not speed-up.
# Needs a PostgreSQL server: PRHUB_BENCH_POSTGRES, else the one scripts/start-postgres.sh starts.
#   bench/hub-jobs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
pg=${PRHUB_BENCH_POSTGRES:-$(scripts/start-postgres.sh)}
. bench/hub-setup.sh
expected=""
pass() {  # DB PROCESSES → prints "seconds jobs distinct duplicates"
    local db=$1 n=$2 pids=() s e
    : > "$work/received.jsonl"
    s=$(date +%s%N)
    for _ in $(seq "$n"); do "$bin" run --config "$work/hub.yml" --db "$db" --as-of 2026-08-24 2>>"$work/run.log" & pids+=($!); done
    for pid in "${pids[@]}"; do wait "$pid"; done
    e=$(date +%s%N)
    python3 - "$work/received.jsonl" "$(echo "scale=2; ($e - $s) / 1000000000" | bc)" <<'PY'
import json, sys, collections
counts = collections.Counter(json.loads(l)["key"] for l in open(sys.argv[1]))
print(sys.argv[2], len(counts), sum(c - 1 for c in counts.values()))
PY
}
read -r secs distinct dups < <(pass "$work/one.sqlite" 1)
jobs=$(sqlite3 "$work/one.sqlite" "SELECT COUNT(*) FROM hubJob WHERE state = 'done'")
expected=$distinct
printf '%-22s %7s s  %4s jobs  %5.1f jobs/s  %3s messages, %s twice\n' "SQLite, 1 process" "$secs" "$jobs" "$(echo "$jobs / $secs" | bc -l)" "$distinct" "$dups"
for n in 1 2 4; do
    schema="bench_jobs_$$_$n"
    read -r secs distinct dups < <(pass "$pg?schema=$schema" "$n")
    jobs=$(psql -qAt "$pg" -c "SELECT COUNT(*) FROM $schema.hubjob WHERE state = 'done'")
    printf '%-22s %7s s  %4s jobs  %5.1f jobs/s  %3s messages, %s twice, %s missing\n' "PostgreSQL, $n process$([ "$n" = 1 ] || echo es)" \
        "$secs" "$jobs" "$(echo "$jobs / $secs" | bc -l)" "$distinct" "$dups" "$((expected - distinct))"
    psql -q "$pg" -c "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true
done
