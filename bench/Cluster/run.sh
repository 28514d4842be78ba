#!/usr/bin/env bash
# Starts a twin on loopback as an Orleans cluster on Redis — a redis-server in a temp folder, N silos and one gateway,
# built in Release — whose facility declares enough live GB300 NVL72 racks for G GPUs, drives it with the load
# generator (racks form by default), and stops every process by PID. With STORE=embedded it runs one silo on the
# embedded SQLite store instead (no Redis), for reference.
# Usage: bench/Cluster/run.sh <silos> <gpus> <seconds> [more load generator options]
#   env: STORE=redis|embedded (redis), REDIS_FSYNC=everysec|always|no (everysec), SKIP_BUILD=1, RESULTS=file.jsonl
# The last line printed is one JSON line (see bench/Cluster/measure.py); with RESULTS it is appended there too.
set -euo pipefail
silos=${1:?usage: run.sh <silos> <gpus> <seconds> [load generator options]}
gpus=${2:?gpus}
duration=${3:?seconds}
shift 3
store=${STORE:-redis}
if [[ $store == embedded && $silos != 1 ]]; then
  echo "the embedded store runs one silo only" >&2
  exit 2
fi
cd "$(dirname "$0")/../.."
work=$(mktemp -d /tmp/tft-cluster.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  dotnet build -c Release src/Silo/Silo.csproj >/dev/null
  dotnet build -c Release src/Gateway/Gateway.csproj >/dev/null
  dotnet build -c Release bench/LoadGen/LoadGen.csproj >/dev/null
fi
loadgen=$PWD/bench/LoadGen/bin/Release/net10.0/TokenFactoryTwin.LoadGen.dll
dotnet "$loadgen" --write-facility "$work/live.json" --gpus "$gpus"

pids=()
# The gateway and silos first, newest first, each given a minute to leave the cluster; Redis last, for the silos
# write their leaving to it (stopped before them, each would wait a minute on its membership table).
stop() {
  for (( i=${#pids[@]}-1; i>=0; i-- )); do
    kill "${pids[i]}" 2>/dev/null || continue
    waited=0
    while kill -0 "${pids[i]}" 2>/dev/null && (( waited++ < 60 )); do sleep 1; done
    kill -9 "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
}
trap stop EXIT

cluster_id="bench-$(basename "$work" | tr -dc 'a-zA-Z0-9' | tr 'A-Z' 'a-z')"
common=(--Orleans:ClusterId="$cluster_id" --Orleans:ServiceId="$cluster_id")
redis_pid=""
if [[ $store == redis ]]; then
  redis_port=$(free_port)
  mkdir -p "$work/redis"
  # Append-only like a deployment that keeps grain state; fsync once a second (Redis' default) unless REDIS_FSYNC says.
  redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$work/redis" --appendonly yes --appendfsync "${REDIS_FSYNC:-everysec}" \
    --save "" --protected-mode yes >"$work/redis.log" 2>&1 &
  redis_pid=$!
  pids+=("$redis_pid")
  until redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; do
    kill -0 "$redis_pid" 2>/dev/null || { echo "redis-server did not start; log in $work/redis.log" >&2; exit 1; }
    sleep 0.2
  done
  common+=(--Twin:Store=redis --ConnectionStrings:redis="127.0.0.1:$redis_port")
fi

silo_pids=(); silo_webs=()
primary=""
for (( n=1; n<=silos; n++ )); do
  silo_port=$(free_port); client_port=$(free_port); silo_web=$(free_port)
  primary=${primary:-$silo_port}
  # Each from its own folder, so it reads its appsettings.json (the content root is the working directory).
  (cd src/Silo/bin/Release/net10.0 && exec dotnet TokenFactoryTwin.Silo.dll "${common[@]}" --Twin:FacilityFile="$work/live.json" \
    --Twin:DataDirectory="$work/data" --Orleans:Endpoints:SiloPort="$silo_port" --Orleans:PrimarySiloPort="$primary" \
    --Orleans:Endpoints:GatewayPort="$client_port" --urls "http://127.0.0.1:$silo_web" >"$work/silo$n.log" 2>&1) &
  pids+=($!); silo_pids+=($!); silo_webs+=("$silo_web")
done
gateway_web=$(free_port); gateway_client=${client_port}
(cd src/Gateway/bin/Release/net10.0 && exec dotnet TokenFactoryTwin.Gateway.dll "${common[@]}" --Orleans:GatewayPort="$gateway_client" \
  --Twin:Otlp:GrpcEndpoint= --urls "http://127.0.0.1:$gateway_web" >"$work/gateway.log" 2>&1) &
gateway=$!
pids+=("$gateway")

# Ready when the facility counts every declared GPU (they are not reporting yet: that is the load generator's job).
started=$(date +%s)
until curl -sf "http://127.0.0.1:$gateway_web/api/facility" | python3 -c "import json,sys; sys.exit(0 if json.load(sys.stdin)['gpus'] >= $gpus else 1)" 2>/dev/null; do
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "process $pid exited; logs in $work" >&2; exit 1; }
  done
  if (( $(date +%s) - started > 900 )); then
    echo "the twin did not come up in 15 minutes; logs in $work" >&2
    exit 1
  fi
  sleep 2
done
up=$(( $(date +%s) - started ))
echo "Twin up in $up s: $silos silo(s) on $store (pids ${silo_pids[*]}), gateway pid $gateway${redis_pid:+, redis pid $redis_pid}; logs in $work"

metrics=()
for web in "${silo_webs[@]}"; do metrics+=("http://127.0.0.1:$web/metrics"); done
line=$(python3 bench/Cluster/measure.py --store "$store" --startup-seconds "$up" --silo-pids "${silo_pids[*]}" --gateway-pid "$gateway" \
  --redis-pid "$redis_pid" --redis-port "${redis_port:-}" --gateway-metrics "http://127.0.0.1:$gateway_web/metrics" --silo-metrics "${metrics[*]}" --log "$work/loadgen.log" -- \
  dotnet "$loadgen" --url "http://127.0.0.1:$gateway_web" --gpus "$gpus" --duration "$duration" --declared --form racks \
  --silo-pid "${silo_pids[0]}" --gateway-pid "$gateway" "$@")
echo "$line"
if [[ -n ${RESULTS:-} ]]; then echo "$line" >>"$RESULTS"; fi
