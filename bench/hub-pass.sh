#!/usr/bin/env bash
# A hub pass over the four real histories in ../shared/data (four weeks of backfill, two languages, two
# targets: a Teams card and a JSON webhook, played by a loopback receiver), measured three ways:
#   the first pass (mirrors nothing: clones are local; ingest, write, deliver) and a pass with nothing new;
#   passes killed at random points and run again: messages delivered twice (target 0; at most one per kill);
#   the messages sent and the largest body per target.
#   bench/hub-pass.sh [KILLS]
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-3}
. bench/hub-setup.sh
run() { "$bin" run --config "$work/hub.yml" --db "$1" --as-of 2026-08-24 2>>"$work/run.log"; }
seconds() { local s e; s=$(date +%s%N); "$@"; e=$(date +%s%N); echo "scale=2; ($e - $s) / 1000000000" | bc; }
first=$(seconds run "$work/a.sqlite")
sent=$(wc -l < "$work/received.jsonl")
again=$(seconds run "$work/a.sqlite")
after=$(wc -l < "$work/received.jsonl")
printf 'first pass (ingest 4 histories, write, deliver)  %s s, %s messages\n' "$first" "$sent"
printf 'pass with nothing new                            %s s, %s messages\n' "$again" "$((after - sent))"
# Killed at random points, then run to its end: every message once, at most one twice per kill.
: > "$work/received.jsonl"
for i in $(seq "$kills"); do
    "$bin" run --config "$work/hub.yml" --db "$work/b.sqlite" --as-of 2026-08-24 2>>"$work/run.log" & pid=$!
    sleep "$(python3 -c "import random; print(round(random.uniform(0.5, $first), 2))")"
    kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
done
run "$work/b.sqlite"
python3 - "$work/received.jsonl" "$sent" <<'PY'
import json, sys, collections
rows = [json.loads(l) for l in open(sys.argv[1])]
counts = collections.Counter(r["key"] for r in rows)
largest = collections.defaultdict(int)
for r in rows: largest[r["path"]] = max(largest[r["path"]], r["size"])
print(f"after kills: {len(counts)} distinct messages of {sys.argv[2]} expected, {sum(c - 1 for c in counts.values())} delivered twice")
print("largest body: " + ", ".join(f"{p} {s} bytes" for p, s in sorted(largest.items())) + " (Teams limit 28 KB)")
PY
