#!/usr/bin/env bash
# wrk against a cached report page served by `prhub serve`, and against nginx serving the same bytes
# as a static file, in one run on loopback. Prints requests/s, p99 latency and the ratio.
#   bench/serve-vs-nginx.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-32}
for tool in wrk nginx; do command -v $tool >/dev/null || { echo "error: $tool is not installed (apt-get install wrk nginx)"; exit 1; }; done
. bench/replayed-repository.sh
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
"$bin" ingest --git "$repo" --repo vllm-project/vllm-ascend --db "$work/db.sqlite" 2>/dev/null

page=/vllm-project/vllm-ascend/reports/2026-03-30-to-2026-04-05
prhub_port=$(( 20000 + RANDOM % 10000 )); nginx_port=$(( prhub_port + 1 ))
"$bin" serve --db "$work/db.sqlite" --port "$prhub_port" --tz Asia/Shanghai --no-access-log > "$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$prhub_port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
# Warm the cache and keep the exact bytes for nginx.
mkdir -p "$work/www$(dirname "$page")"
curl -fs "http://127.0.0.1:$prhub_port$page" -o "$work/www$page"
bytes=$(wc -c < "$work/www$page")
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    default_type text/html;
    server { listen 127.0.0.1:$nginx_port; root $work/www; }
}
CONF
nginx -c "$work/nginx.conf" -p "$work" &
pids+=($!)
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$nginx_port$page" >/dev/null 2>&1 && break; sleep 0.1; done

run() {  # url -> "requests_per_second p99_ms"
    wrk -t2 -c"$connections" -d"${seconds}s" --latency "$1" > "$work/wrk.txt"
    local rps p99
    rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
    p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$work/wrk.txt")
    echo "$rps $p99"
}
read -r p_rps p_p99 < <(run "http://127.0.0.1:$prhub_port$page")
read -r n_rps n_p99 < <(run "http://127.0.0.1:$nginx_port$page")
printf 'page               %s (%s bytes), %s connections, %ss each, nginx with 1 worker\n' "$page" "$bytes" "$connections" "$seconds"
printf 'prhub serve        %10.0f req/s   p99 %6.2f ms\n' "$p_rps" "$p_p99"
printf 'nginx (static)     %10.0f req/s   p99 %6.2f ms\n' "$n_rps" "$n_p99"
printf 'ratio prhub/nginx  %.2f (target >= 0.5; p99 target < 5 ms)\n' "$(echo "$p_rps / $n_rps" | bc -l)"
