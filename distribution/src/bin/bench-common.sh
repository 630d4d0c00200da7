# Shared by bin/bench and bin/bench-grpc: pinning, a work folder cleaned up at exit, waiting for a server,
# medians and ratios, the plugins' settings, and nginx started from a config of the caller's.
# shellcheck shell=bash

# Sets server_pin and load_pin, the taskset prefixes, from pin (1 or 0), server_cpus and load_cpus.
bench_pinning() {
    server_pin=() load_pin=()
    [ "$pin" = 1 ] || return 0
    if ! command -v taskset >/dev/null; then
        echo "note: taskset (util-linux) is missing; processes are not pinned, numbers vary more." >&2
    elif [ "$(nproc)" -lt 2 ]; then
        echo "note: one CPU only; processes are not pinned, and the load generator competes with the servers." >&2
    else
        server_pin=(taskset -c "$server_cpus") load_pin=(taskset -c "$load_cpus")
    fi
}

# Prints where nginx is, or nothing.
bench_nginx_bin() {
    command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true
}

# A work folder in $work, and every process whose pid is added to pids stopped at exit, and the folder removed.
work=$(mktemp -d "${TMPDIR:-/tmp}/turnpike-bench.XXXXXX")
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Fails when one of the ports given is in use.
bench_ports_free() {
    local port
    for port in "$@"; do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "port $port is in use; choose others with --port-base" >&2
            exit 1
        fi
    done
}

# Waits until the URL answers 200, the process dies, or 60 s pass.
await_ok() {
    local url="$1" pid="$2" deadline=$((SECONDS + 60))
    until curl -s -o /dev/null -f "$url"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            return 1
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            return 1
        fi
        sleep 0.01
    done
}

millis() { echo $(( $(date +%s%N) / 1000000 )); }

# Each plugin's settings in the benchmarks' gateway configs, and the jar that holds it.
plugin_config() {
    case "$1" in
        key-auth) echo '{name: key-auth}' ;;
        rate-limit) echo '{name: rate-limit, config: {second: 100000000, by: consumer}}' ;;
        request-transformer) echo '{name: request-transformer, config: {add-headers: {X-Bench: "1"}, remove-headers: [X-Debug]}}' ;;
        response-cache) echo '{name: response-cache, config: {default-ttl: 300s}}' ;;
    esac
}
plugin_jar() {
    case "$1" in
        request-transformer) echo transformer ;;    # the jar that holds both transformers
        *) echo "$1" ;;
    esac
}

# The median of the numbers in a space-separated list, and the ratio of two numbers ("-" without the second).
med() { tr ' ' '\n' <<<"$1" | grep . | median; }
ratio() { [ -n "$2" ] && [ "$2" != 0 ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }' || echo "-"; }

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

start_nginx() { # name, http block body
    local name="$1"
    mkdir -p "$work/$name"
    cat >"$work/$name/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work/$name/nginx.pid;
error_log $work/$name/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_timeout 75s;
    keepalive_requests 1000000;
$2
}
EOF
    "${server_pin[@]}" "$nginx_bin" -p "$work/$name" -e "$work/$name/error.log" -c "$work/$name/nginx.conf" \
        >"$work/$name/out.log" 2>&1 &
    pids+=($!)
    nginx_pid=$!
}

