# Sourced by the benchmarks: rebuilds vllm-ascend from ../shared once into $repo, builds prhub in
# release mode into $bin, and makes a scratch folder $work that is removed on exit.
shared=../shared
[ -x "$shared/tools/replay-history" ] || { echo "skipped: ../shared is missing"; exit 0; }
repo=${TMPDIR:-/tmp}/prhub-bench-vllm-ascend
if [ ! -f "$repo/.git/prhub-bench-ready" ]; then
    rm -rf "$repo"
    "$shared/tools/replay-history" "$shared/data/vllm-ascend.history.jsonl.gz" "$repo" >/dev/null
    touch "$repo/.git/prhub-bench-ready"
fi
swift build -c release --product prhub >/dev/null
bin=$(swift build -c release --show-bin-path)/prhub
work=$(mktemp -d)
