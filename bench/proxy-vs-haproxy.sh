#!/bin/bash
# ALO's proxy against HAProxy (and nginx as a proxy) in front of two nginx backends, same wrk
# settings, interleaved rounds. Needs: apt-get install -y wrk haproxy nginx
# Usage: bench/proxy-vs-haproxy.sh [THREADS=1] [DURATION=10s] [CONNECTIONS=32] [ROUNDS=2]
set -u
threads=${1:-1}; dur=${2:-10s}; conns=${3:-32}; rounds=${4:-2}
root=$(cd "$(dirname "$0")/.." && pwd); cd "$root"
for t in wrk haproxy nginx python3; do command -v $t >/dev/null || { echo "needs $t (apt-get install -y wrk haproxy nginx)"; exit 1; }; done
tmp=$(mktemp -d); pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; [[ -n ${KEEP:-} ]] && echo "kept $tmp" || rm -rf "$tmp"; }; trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 150); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.2; done; echo "port $1 did not open" >&2; exit 1; }
b1=$(free_port); b2=$(free_port); hp=$(free_port); np=$(free_port); ap=$(free_port)

# Two nginx backends with a small body.
nginx_conf() { # port name
  cat > "$tmp/nginx-$2.conf" <<CONF
worker_processes 1; daemon off; pid $tmp/nginx-$2.pid; error_log $tmp/nginx-$2.err;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  server { listen 127.0.0.1:$1; location / { return 200 "hello from $2\n"; } } }
CONF
}
nginx_conf $b1 b1; nginx_conf $b2 b2
nginx -c "$tmp/nginx-b1.conf" -p "$tmp" & pids+=($!)
nginx -c "$tmp/nginx-b2.conf" -p "$tmp" & pids+=($!)

# nginx as a proxy (for reference).
cat > "$tmp/nginx-proxy.conf" <<CONF
worker_processes $threads; daemon off; pid $tmp/nginx-proxy.pid; error_log $tmp/nginx-proxy.err;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  upstream be { server 127.0.0.1:$b1; server 127.0.0.1:$b2; keepalive 64; }
  server { listen 127.0.0.1:$np; location / { proxy_pass http://be; proxy_http_version 1.1;
    proxy_set_header Connection ""; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; } } }
CONF
nginx -c "$tmp/nginx-proxy.conf" -p "$tmp" & pids+=($!)

# HAProxy with the features ALO has on by default.
cat > "$tmp/haproxy.cfg" <<CONF
global
  nbthread $threads
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  option forwardfor
  retries 1
  option redispatch
frontend fe
  bind 127.0.0.1:$hp
  default_backend be
backend be
  balance roundrobin
  server s1 127.0.0.1:$b1 check inter 2s rise 2 fall 3
  server s2 127.0.0.1:$b2 check inter 2s rise 2 fall 3
CONF
haproxy -f "$tmp/haproxy.cfg" -db > "$tmp/haproxy.log" 2>&1 & pids+=($!)

# ALO with its defaults (health checks, retries, outlier detection on).
./alo proxy --listen 127.0.0.1:$ap --backend http://127.0.0.1:$b1 --backend http://127.0.0.1:$b2 \
  --algorithm round-robin --threads "$threads" > "$tmp/alo.log" 2>&1 & pids+=($!)
for p in $b1 $b2 $hp $np $ap; do wait_port $p; done

# Warm-up, the same for every target: 10 s at full load (ALO's JIT did 105 C2 compilations in the first measured round after 3 s,
# 41 after 10 s).
for p in $ap $hp $np; do wrk -t1 -c$conns -d10s "http://127.0.0.1:$p/" >/dev/null 2>&1; done

declare -A rps p50 p99
run() { # name port
  local out; out=$(wrk -t1 -c$conns -d$dur --latency "http://127.0.0.1:$2/" 2>&1)
  local r l5 l9 bad
  r=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")
  l5=$(awk '$1=="50%"{print $2}' <<<"$out"); l9=$(awk '$1=="99%"{print $2}' <<<"$out")
  bad=$(sed -n 's/.*Non-2xx or 3xx responses: \([0-9]*\).*/\1/p' <<<"$out")
  [[ -n $bad ]] && echo "  $1: $bad non-2xx responses!" >&2
  rps[$1]="${rps[$1]:-} $r"; p50[$1]="${p50[$1]:-} $l5"; p99[$1]="${p99[$1]:-} $l9"
  printf '  round %s %-8s %10s req/s  p50 %8s  p99 %8s\n' "$round" "$1" "$r" "$l5" "$l9"
}
echo "wrk -t1 -c$conns -d$dur, $threads proxy thread(s), $rounds interleaved rounds"
for round in $(seq 1 $rounds); do
  run direct $b1; run haproxy $hp; run alo $ap; run nginx $np
done

python3 - "$rounds" <<PY
import sys, re
def ms(s):
    m = re.match(r'([0-9.]+)(us|ms|s)', s); v = float(m.group(1))
    return v / 1000 if m.group(2) == 'us' else v * 1000 if m.group(2) == 's' else v
data = {
  'direct': ("${rps[direct]}", "${p50[direct]}", "${p99[direct]}"),
  'haproxy': ("${rps[haproxy]}", "${p50[haproxy]}", "${p99[haproxy]}"),
  'alo': ("${rps[alo]}", "${p50[alo]}", "${p99[alo]}"),
  'nginx': ("${rps[nginx]}", "${p50[nginx]}", "${p99[nginx]}"),
}
from statistics import median as med  # the middle value; the mean of the middle two for an even count
res = {k: (med([float(x) for x in v[0].split()]), med([ms(x) for x in v[1].split()]), med([ms(x) for x in v[2].split()])) for k, v in data.items()}
print(f"{'':8} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8}   (medians of rounds)")
for k, (r, a, b) in res.items():
    print(f"{k:8} {r:10.0f} {a:8.3f} {b:8.3f}")
h, a = res['haproxy'], res['alo']
print(f"ALO/HAProxy: throughput {a[0] / h[0]:.2f}x (target >= 1.0), p99 {a[2] / h[2]:.2f}x (target <= 1.2)")
open('$tmp/hmax', 'w').write(str(int(h[0])))
PY

# Open loop at 50% of HAProxy's maximum, the same settings for every target: ./alo loadgen sends on
# schedule whatever the server does and measures each latency from the scheduled send time. Its
# "kept" column says whether the generator itself kept the schedule; when it did not, the numbers
# include the generator's own delay and are not the server's.
rate=$(( $(cat "$tmp/hmax") / 2 ))
# One generator thread (LOADGEN_THREADS to change): it costs the least CPU per request, which matters
# here since the generator shares the cores with the proxy and the backends.
lg_threads=${LOADGEN_THREADS:-1}
echo "open loop at $rate req/s (50% of HAProxy's maximum), ./alo loadgen --threads $lg_threads --connections 256 --warmup 2s for $dur:"
for name in direct haproxy alo nginx; do
  case $name in direct) port=$b1;; haproxy) port=$hp;; alo) port=$ap;; nginx) port=$np;; esac
  ./alo loadgen --target "http://127.0.0.1:$port/" --rate "$rate" --duration "$dur" --threads "$lg_threads" \
    --connections 256 --warmup 2s --json > "$tmp/open-$name.json" 2>"$tmp/open-$name.err"
done
python3 - "$tmp" <<'PY'
import json, sys
print(f"{'':8} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'p99.9 ms':>9} {'max ms':>8} {'errors':>7} {'late':>7} kept")
for name in ['direct', 'haproxy', 'alo', 'nginx']:
    try:
        d = json.load(open(f"{sys.argv[1]}/open-{name}.json"))
    except (OSError, ValueError):
        print(f"{name:8} failed: " + open(f"{sys.argv[1]}/open-{name}.err").read().strip()[:200]); continue
    s = d['schedule']
    print(f"{name:8} {d['throughput']:8.0f} {d['p50_ms']:8.3f} {d['p90_ms']:8.3f} {d['p99_ms']:8.3f} {d['p999_ms']:9.3f} {d['max_ms']:8.3f} {d['errors']:7d} {s['late_sends']:7d} {'yes' if s['kept'] else 'NO (generator behind: latencies include its delay)'}")
PY
