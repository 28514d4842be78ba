#!/usr/bin/env bash
# Starts a twin on loopback — one silo with the embedded store and one gateway, published in Release — whose facility
# declares enough live GB300 NVL72 racks for N GPUs, drives it with the load generator, and stops both by PID.
# Usage: bench/LoadGen/run.sh <gpus> <seconds> [more load generator options]
# The load generator's JSON line is the last line printed; the twin's logs are kept in the work folder it names.
# Its startup fields time the twin's start from launching both processes (see docs/benchmarks.md, Startup at scale).
# The work folder also keeps timeline.jsonl: each interval sent and each facility reading until the first complete KPI.
# SILO_TRACE=file.nettrace records the silo from its first instruction with EventPipe (CPU samples, GC, JIT, thread
# pool), written when the silo stops; read it with `dotnet dotnet-trace report file.nettrace topN --inclusive` or
# bench/Startup/trace-window.py, which keeps the samples up to the first complete KPI. GATEWAY_TRACE does the same for
# the gateway.
set -euo pipefail
gpus=${1:-194400}
duration=${2:-30}
shift $(( $# < 2 ? $# : 2 ))
cd "$(dirname "$0")/../.."
work=$(mktemp -d /tmp/tft-load.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
silo_port=$(free_port); client_port=$(free_port); silo_web=$(free_port); gateway_web=$(free_port)

# The silo and gateway as the container images ship them: published, so with ReadyToRun code (see Silo.csproj).
# PUBLISH_OPTIONS adds publish options, e.g. PUBLISH_OPTIONS=-p:PublishReadyToRun=false to time a JIT-only twin.
# SILO_DIR and GATEWAY_DIR run builds published elsewhere instead (nothing is published then).
silo_dir=${SILO_DIR:-src/Silo/bin/Release/bench-publish}
gateway_dir=${GATEWAY_DIR:-src/Gateway/bin/Release/bench-publish}
if [[ -z ${SILO_DIR:-} ]]; then
  # shellcheck disable=SC2086 # PUBLISH_OPTIONS is a list of options
  dotnet publish -c Release src/Silo/Silo.csproj -o "$silo_dir" ${PUBLISH_OPTIONS:-} >/dev/null
fi
if [[ -z ${GATEWAY_DIR:-} ]]; then
  # shellcheck disable=SC2086
  dotnet publish -c Release src/Gateway/Gateway.csproj -o "$gateway_dir" ${PUBLISH_OPTIONS:-} >/dev/null
fi
# A self-contained build carries its own runtime: started by its own executable, not by the machine's dotnet.
launcher() { if [[ -f $1/libcoreclr.so ]]; then echo "./$2"; else echo "dotnet $2.dll"; fi; }
dotnet build -c Release bench/LoadGen/LoadGen.csproj >/dev/null
loadgen=bench/LoadGen/bin/Release/net10.0/TokenFactoryTwin.LoadGen.dll
dotnet "$loadgen" --write-facility "$work/live.json" --gpus "$gpus"

# The load generator starts first and gets ready (reads its racks from the facility file, compiles its own code), as
# exporters that were running before the twin are; it then waits to be told the launch (bench/LoadGen/TwinLaunch.cs).
# It feeds the declared racks from the launch on, and times the start from it: the silo's startup line
# (twinUpSeconds) and the first complete facility KPI (firstCompleteKpiSeconds, with the CPU-seconds until then).
# The generator waits for the twin to accept whole intervals (at most 10 minutes) before its warm-up starts.
dotnet "$loadgen" --url "http://127.0.0.1:$gateway_web" --gpus "$gpus" --duration "$duration" --declared \
  --facility-file "$work/live.json" --launch-file "$work/launch" --silo-log "$work/silo.log" \
  --timeline "$work/timeline.jsonl" "$@" &
generator=$!
silo=""
gateway=""
# shellcheck disable=SC2086 # unset ids are left out
stop() { kill "$generator" $silo $gateway 2>/dev/null || true; wait "$generator" $silo $gateway 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 1200); do
  [[ -f $work/launch.ready ]] && break
  kill -0 "$generator" 2>/dev/null || { echo "the load generator exited before the launch" >&2; exit 1; }
  sleep 0.1
done
[[ -f $work/launch.ready ]] || { echo "the load generator did not get ready within 2 minutes" >&2; exit 1; }
launched=$(date +%s%3N)
# Each from its own folder, so it reads its appsettings.json (the content root is the working directory).
# Sample profiler every 1 ms; the runtime's GC (0x1), loader (0x8), JIT (0x10), thread pool (0x10000) and exception
# (0x8000) keywords at informational level.
trace_env() {
  [[ -z $1 ]] || echo DOTNET_EnableEventPipe=1 "DOTNET_EventPipeOutputPath=$(realpath -m "$1")" DOTNET_EventPipeCircularMB=1024 \
    "DOTNET_EventPipeConfig=Microsoft-DotNETCore-SampleProfiler:0:5,Microsoft-Windows-DotNETRuntime:0x18019:4"
}
# TWIN_ENV adds runtime settings to both processes, e.g. TWIN_ENV="DOTNET_TieredPGO=0" to time a start without them.
# shellcheck disable=SC2207 # the settings have no spaces
twin_env=(${TWIN_ENV:-})
# shellcheck disable=SC2207
silo_env=("${twin_env[@]}" $(trace_env "${SILO_TRACE:-}"))
# shellcheck disable=SC2207
gateway_env=("${twin_env[@]}" $(trace_env "${GATEWAY_TRACE:-}"))
(cd "$silo_dir" && # shellcheck disable=SC2046 # the launcher is a command and its argument
  exec env "${silo_env[@]}" $(launcher . TokenFactoryTwin.Silo) --Twin:FacilityFile="$work/live.json" --Twin:DataDirectory="$work/data" \
  --Orleans:Endpoints:SiloPort="$silo_port" --Orleans:PrimarySiloPort="$silo_port" --Orleans:Endpoints:GatewayPort="$client_port" --urls "http://127.0.0.1:$silo_web" \
  >"$work/silo.log" 2>&1) &
silo=$!
(cd "$gateway_dir" && # shellcheck disable=SC2046
  exec env "${gateway_env[@]}" $(launcher . TokenFactoryTwin.Gateway) --Orleans:GatewayPort="$client_port" \
  --urls "http://127.0.0.1:$gateway_web" >"$work/gateway.log" 2>&1) &
gateway=$!
# Written whole, then renamed: the generator never reads half a line.
echo "$launched $silo $gateway" > "$work/launch.tmp" && mv "$work/launch.tmp" "$work/launch"
echo "Twin launched (silo pid $silo, gateway pid $gateway; logs in $work)"
wait "$generator"
