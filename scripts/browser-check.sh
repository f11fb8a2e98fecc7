#!/usr/bin/env bash
# Opens a report and the archive of a repository full of hostile PR text in headless Chromium,
# saves screenshots, and fails if the browser ran any injected script (every payload tries to set
# document.title to "pwned"). Needs chromium (Debian package) and a built prhub.
#   scripts/browser-check.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build/browser-check}
mkdir -p "$out"
command -v chromium >/dev/null || { echo "error: chromium is not installed (apt-get install chromium)"; exit 1; }
swift build --product prhub >/dev/null
bin=$(swift build --show-bin-path)/prhub
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# A repository whose PRs carry script payloads in titles, bodies, paths and author names.
repo="$work/repo"
git init -q -b main "$repo"
commit() {  # date title body file
    mkdir -p "$repo/$(dirname "$4")"
    printf '%s\n' "$RANDOM $1" >> "$repo/$4"
    git -C "$repo" add -A
    GIT_AUTHOR_NAME="Eve \"onmouseover=document.title='pwned'" GIT_AUTHOR_EMAIL=eve@example.com GIT_AUTHOR_DATE="$1" \
    GIT_COMMITTER_NAME=Maintainer GIT_COMMITTER_EMAIL=m@example.com GIT_COMMITTER_DATE="$1" \
        git -C "$repo" commit -q -m "$2" -m "$3"
}
commit 2026-03-30T10:00:00Z "<script>document.title='pwned'</script> (#1)" "<script>document.title='pwned'</script>" "src/a.py"
commit 2026-03-31T10:00:00Z "[Perf] <img src=x onerror=\"document.title='pwned'\"> 2x faster (#2)" "It is 2x faster. [x](javascript:document.title='pwned')" "src/<img src=x onerror=document.title=1>.py"
commit 2026-04-01T10:00:00Z "<svg onload=\"document.title='pwned'\"></svg> (#3)" "<iframe src=\"javascript:document.title='pwned'\"></iframe>" "docs/<svg onload=alert(1)>.md"
commit 2026-04-02T10:00:00Z "[Bugfix] Fix #1 \"><a href=\"javascript:document.title='pwned'\">x</a> (#4)" "Fixes the bug from #1." "src/a.py"
commit 2026-04-03T10:00:00Z "[CI] ]]></title><script>document.title='pwned'</script> (#5)" "body" ".github/workflows/x.yml"

db="$work/db.sqlite"
"$bin" ingest --git "$repo" --repo evil/repo --db "$db" 2>/dev/null
port=$(( 20000 + RANDOM % 20000 ))
"$bin" serve --db "$db" --port "$port" --lang en > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

status=0
check() {  # name url
    local dom="$out/$1.dom.html"
    chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=3000 --dump-dom "$2" > "$dom" 2>/dev/null
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,1800 \
        --screenshot="$out/$1.png" "$2" >/dev/null 2>&1
    local title
    title=$(sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$dom" | head -1)
    if grep -qi "pwned" <<<"$title"; then
        echo "FAIL $1: an injected script ran (document.title is '$title')"
        status=1
    elif [ ! -s "$dom" ]; then
        echo "FAIL $1: the browser got no page"
        status=1
    else
        echo "ok   $1: title '$title', screenshot $out/$1.png"
    fi
}
check report "http://127.0.0.1:$port/evil/repo/reports/2026-03-30-to-2026-04-05"
check report-zh "http://127.0.0.1:$port/evil/repo/reports/2026-03-30-to-2026-04-05?lang=zh"
check archive "http://127.0.0.1:$port/evil/repo"
check index "http://127.0.0.1:$port/"
exit $status
