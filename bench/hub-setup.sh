# Sourced by the hub benchmarks: rebuilds the four real histories of ../shared once, builds prhub in
# release mode into $bin, starts a loopback receiver (a Teams endpoint and a JSON webhook) on $port that
# logs each message's key to $work/received.jsonl, and writes $work/hub.yml (four weeks, two languages,
# two targets). $work and the receiver are removed on exit.
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
