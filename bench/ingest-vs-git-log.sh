#!/usr/bin/env bash
# Times a full-history ingest of the rebuilt vllm-ascend against the bare `git log --numstat` it needs,
# in one run, and prints the ratio and prhub's peak memory.
#   bench/ingest-vs-git-log.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
. bench/replayed-repository.sh
trap 'rm -rf "$work"' EXIT

best() { sort -n | head -1; }
git_times=(); prhub_times=()
for i in $(seq "$runs"); do
    s=$(date +%s.%N)
    /usr/bin/time -f '%M' -o "$work/gitmem" git -C "$repo" log --first-parent -z --numstat -M --diff-merges=first-parent \
        --format='%x1e%H%x00%P%x00%an%x00%ae%x00%ct%x00%B%x00' HEAD >/dev/null
    e=$(date +%s.%N); git_times+=("$(echo "$e - $s" | bc)")
    rm -f "$work"/db.sqlite*
    s=$(date +%s.%N)
    /usr/bin/time -f '%M' -o "$work/mem" "$bin" ingest --git "$repo" --repo vllm-project/vllm-ascend --db "$work/db.sqlite" 2>/dev/null
    e=$(date +%s.%N); prhub_times+=("$(echo "$e - $s" | bc)")
done
g=$(printf '%s\n' "${git_times[@]}" | best)
p=$(printf '%s\n' "${prhub_times[@]}" | best)
commits=$(git -C "$repo" rev-list --first-parent --count HEAD)
printf 'commits            %s\n' "$commits"
printf 'git log --numstat  %.2f s (best of %s)\n' "$g" "$runs"
printf 'prhub ingest       %.2f s (best of %s)\n' "$p" "$runs"
printf 'ratio              %.2fx (target <= 1.3x)\n' "$(echo "$p / $g" | bc -l)"
# GNU time's peak covers the largest process of the tree, which for prhub is the git it runs.
printf 'peak memory        prhub (with its git) %s MiB; git log alone %s MiB\n' \
    "$(( $(cat "$work/mem") / 1024 ))" "$(( $(cat "$work/gitmem") / 1024 ))"
