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
shared=../shared
[ -x "$shared/tools/replay-history" ] || { echo "skipped: ../shared is missing"; exit 0; }
swift build -c release --product prhub >/dev/null
bin=$(swift build -c release --show-bin-path)/prhub
work=$(mktemp -d)
trap 'kill $receiver 2>/dev/null || true; rm -rf "$work"' EXIT
declare -A names=([vllm-ascend]=vllm-project/vllm-ascend [ao]=pytorch/ao [tpu-inference]=vllm-project/tpu-inference [guidellm]=vllm-project/guidellm)
for history in "${!names[@]}"; do
    repo=${TMPDIR:-/tmp}/prhub-bench-$history
    if [ ! -f "$repo/.git/prhub-bench-ready" ]; then
        rm -rf "$repo"
        "$shared/tools/replay-history" "$shared/data/$history.history.jsonl.gz" "$repo" >/dev/null
        touch "$repo/.git/prhub-bench-ready"
    fi
done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/receiver.py" <<'PY'
import http.server, json, re, sys
log = open(sys.argv[2], "a", buffering=1)
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        text = body.decode("utf-8", "replace")
        url = re.search(r"reports/[0-9-]+to-[0-9-]+", text)
        repo = re.search(r"example\.org/([^/\"]+/[^/\"]+)/reports", text)
        lang = "zh" if "周报" in text else "en"
        log.write(json.dumps({"path": self.path, "size": len(body), "key": f"{self.path} {repo and repo.group(1)} {url and url.group(0)} {lang}"}) + "\n")
        self.send_response(202 if self.path == "/teams" else 200)
        self.end_headers()
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY
python3 "$work/receiver.py" "$port" "$work/received.jsonl" & receiver=$!
sleep 0.5
{
    echo "timeZone: Asia/Shanghai"; echo "languages: [zh, en]"; echo "baseURL: https://reports.example.org"; echo "backfillWeeks: 4"
    echo "repositories:"
    for history in "${!names[@]}"; do
        echo "  - name: ${names[$history]}"; echo "    git: ${TMPDIR:-/tmp}/prhub-bench-$history"; echo "    deliver: [team, automation]"
    done
    echo "targets:"
    echo "  team: {kind: teams, url: \"http://127.0.0.1:$port/teams\"}"
    echo "  automation: {kind: webhook, url: \"http://127.0.0.1:$port/webhook\"}"
} > "$work/hub.yml"
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
