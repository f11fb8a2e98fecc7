#!/usr/bin/env bash
# The store on SQLite and on PostgreSQL, in one run: a full-history ingest of the rebuilt vllm-ascend into
# each (a fresh file, a fresh schema), then the digest of its busiest week from each. Prints the times
# (best of RUNS) and the ratios PostgreSQL / SQLite, and checks the two digests are the same bytes.
# Needs a PostgreSQL server: PRHUB_BENCH_POSTGRES, else the one scripts/start-postgres.sh starts.
#   bench/store-engines.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
. bench/replayed-repository.sh
trap 'rm -rf "$work"' EXIT
pg=${PRHUB_BENCH_POSTGRES:-$(scripts/start-postgres.sh)}

best() { sort -n | head -1; }
seconds() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo "scale=3; ($e - $s) / 1000000000" | bc; }
sqlite_ingest=(); pg_ingest=(); sqlite_report=(); pg_report=()
for i in $(seq "$runs"); do
    rm -f "$work"/db.sqlite*
    schema="bench_engines_$$_$i"
    sqlite_ingest+=("$(seconds "$bin" ingest --git "$repo" --repo vllm-project/vllm-ascend --db "$work/db.sqlite")")
    pg_ingest+=("$(seconds "$bin" ingest --git "$repo" --repo vllm-project/vllm-ascend --db "$pg?schema=$schema")")
    sqlite_report+=("$(seconds "$bin" report vllm-project/vllm-ascend --week 2026-W14 --format json --db "$work/db.sqlite")")
    pg_report+=("$(seconds "$bin" report vllm-project/vllm-ascend --week 2026-W14 --format json --db "$pg?schema=$schema")")
done
"$bin" report vllm-project/vllm-ascend --week 2026-W14 --format json --db "$work/db.sqlite" > "$work/a.json"
"$bin" report vllm-project/vllm-ascend --week 2026-W14 --format json --db "$pg?schema=$schema" > "$work/b.json"
si=$(printf '%s\n' "${sqlite_ingest[@]}" | best); pi=$(printf '%s\n' "${pg_ingest[@]}" | best)
sr=$(printf '%s\n' "${sqlite_report[@]}" | best); pr=$(printf '%s\n' "${pg_report[@]}" | best)
printf 'commits              %s\n' "$(git -C "$repo" rev-list --first-parent --count HEAD)"
printf 'ingest   SQLite      %.2f s   PostgreSQL %.2f s   ratio %.2fx\n' "$si" "$pi" "$(echo "$pi / $si" | bc -l)"
printf 'report   SQLite      %.3f s  PostgreSQL %.3f s  ratio %.2fx (2026-W14, whole process)\n' "$sr" "$pr" "$(echo "$pr / $sr" | bc -l)"
if cmp -s "$work/a.json" "$work/b.json"; then echo "digests  identical ($(wc -c < "$work/a.json") bytes)"; else echo "digests  DIFFER"; exit 1; fi
for i in $(seq "$runs"); do psql -q "$pg" -c "DROP SCHEMA bench_engines_$$_$i CASCADE" >/dev/null 2>&1 || true; done
