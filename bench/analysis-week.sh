#!/usr/bin/env bash
# Times one report over a 200-PR stretch of the rebuilt vllm-ascend history (2026-03-02 to 2026-03-19,
# Asia/Shanghai: 209 PRs), split by stage with `prhub report --timing`, next to the `git log --numstat`
# of the same window as a reference measured in the same run.
#   bench/analysis-week.sh [RUNS]
#   BASELINE=REV bench/analysis-week.sh [RUNS]   # also times revision REV (built once in a worktree), runs alternating
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
. bench/replayed-repository.sh
trap 'rm -rf "$work"' EXIT
"$bin" ingest --git "$repo" --repo vllm-project/vllm-ascend --db "$work/db.sqlite" 2>/dev/null

baseline_bin=
if [ -n "${BASELINE:-}" ]; then
    rev=$(git rev-parse --short "$BASELINE")
    tree=${TMPDIR:-/tmp}/prhub-baseline-$rev
    [ -d "$tree" ] || git worktree add --detach "$tree" "$rev" >/dev/null
    [ -f Package.resolved ] && cp Package.resolved "$tree/"
    (cd "$tree" && swift build -c release --product prhub >/dev/null)
    baseline_bin=$(cd "$tree" && swift build -c release --show-bin-path)/prhub
    "$baseline_bin" ingest --git "$repo" --repo vllm-project/vllm-ascend --db "$work/baseline.sqlite" 2>/dev/null
fi

report() { # BINARY DB TIMING-FILE
    "$1" report --git "$repo" --repo vllm-project/vllm-ascend --since 2026-03-02 --until 2026-03-19 --tz Asia/Shanghai \
        --db "$2" --timing 2>>"$3" >/dev/null
}
for i in $(seq "$runs"); do
    s=$(date +%s%N)
    git -C "$repo" log --first-parent --numstat --since=2026-03-02T00:00:00+08:00 --until=2026-03-20T00:00:00+08:00 >/dev/null
    e=$(date +%s%N)
    echo "git $(( (e - s) / 1000 ))" >> "$work/times"
    s=$(date +%s%N); report "$bin" "$work/db.sqlite" "$work/timing"; e=$(date +%s%N)
    echo "wall $(( (e - s) / 1000 ))" >> "$work/times"
    if [ -n "$baseline_bin" ]; then
        s=$(date +%s%N); report "$baseline_bin" "$work/baseline.sqlite" "$work/baseline-timing"; e=$(date +%s%N)
        echo "baseline-wall $(( (e - s) / 1000 ))" >> "$work/times"
    fi
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
stage() { sed -n "s/.* $1 \([0-9.]*\) ms.*/\1/p" "${2:-$work/timing}" | median; }
git_ms=$(awk '$1=="git" {print $2/1000}' "$work/times" | median)
prs=$(sed -n 's/timing: \([0-9]*\) PRs.*/\1/p' "$work/timing" | head -1)
analysis=$(stage analysis)
diffs=$(stage "diff reading")
printf 'pull requests               %s\n' "$prs"
printf 'git log --numstat (window)  %s ms (median of %s)\n' "$git_ms" "$runs"
printf 'load from store             %s ms\n' "$(stage load)"
printf 'diff reading                %s ms\n' "$diffs"
printf 'analysis + digest           %s ms\n' "$analysis"
printf 'render markdown             %s ms\n' "$(stage render)"
printf 'whole report process        %s ms\n' "$(awk '$1=="wall" {print $2/1000}' "$work/times" | median)"
printf 'analysis + diff reading     %s ms (target < 50 ms); ratio to git log %.2fx\n' \
    "$(echo "$analysis + $diffs" | bc)" "$(echo "($analysis + $diffs) / $git_ms" | bc -l)"
# Processor time over all threads: how much work there is, and (against the wall time) how well it spreads.
cpu=$(sed -n 's/.*processor time (diff reading + analysis) \([0-9.]*\) ms.*/\1/p' "$work/timing" | median)
printf 'processor time, all threads %s ms; %.1f cores busy on average\n' "$cpu" "$(echo "$cpu / ($analysis + $diffs)" | bc -l)"
# On a shared virtual machine a run can be half as fast as the next: the fastest run of each shows what
# the code costs when the host lets it run.
fastest() { sed -n 's/.* diff reading \([0-9.]*\) ms · analysis \([0-9.]*\) ms.*/\1 \2/p' "$1" | awk '{print $1 + $2}' | sort -n | head -1; }
both_min=$(fastest "$work/timing")
git_min=$(awk '$1=="git" {print $2/1000}' "$work/times" | sort -n | head -1)
printf 'fastest runs                analysis + diff reading %s ms, git log %s ms; ratio %.2fx\n' \
    "$both_min" "$git_min" "$(echo "$both_min / $git_min" | bc -l)"
if [ -n "$baseline_bin" ]; then
    b_analysis=$(stage analysis "$work/baseline-timing")
    b_diffs=$(stage "diff reading" "$work/baseline-timing")
    b_min=$(fastest "$work/baseline-timing")
    b_wall=$(awk '$1=="baseline-wall" {print $2/1000}' "$work/times" | median)
    wall=$(awk '$1=="wall" {print $2/1000}' "$work/times" | median)
    printf 'baseline %s: analysis + diff reading %s ms (fastest %s), whole process %s ms\n' \
        "$rev" "$(echo "$b_analysis + $b_diffs" | bc)" "$b_min" "$b_wall"
    printf 'ratio to baseline           analysis + diff reading %.2fx (fastest %.2fx), whole process %.2fx\n' \
        "$(echo "($analysis + $diffs) / ($b_analysis + $b_diffs)" | bc -l)" "$(echo "$both_min / $b_min" | bc -l)" \
        "$(echo "$wall / $b_wall" | bc -l)"
fi
