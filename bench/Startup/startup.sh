#!/usr/bin/env bash
# Times a real silo process (published in Release, embedded SQLite store) starting a declared facility of live GB300 racks:
# from launching the process to its startup log line, written once every rack, hall and power node is configured.
# Each size is run N times on a fresh store (first start), each followed by a restart on the same store. Prints one
# line per run and the medians. The silo binds 127.0.0.1 only and is stopped by its own PID after each run.
# Usage: bench/Startup/startup.sh [repeats] [racks...]   e.g. bench/Startup/startup.sh 3 1850 3700 7400
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats=${1:-3}
shift || true
sizes=("${@:-1850 3700 7400}")
read -r -a sizes <<< "${sizes[*]}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The silo as its container image ships it: published, with ReadyToRun code (see Silo.csproj); PUBLISH_OPTIONS adds
# publish options, e.g. PUBLISH_OPTIONS=-p:PublishReadyToRun=false for a JIT-only silo.
silo_dir=src/Silo/bin/Release/bench-publish
# shellcheck disable=SC2086 # PUBLISH_OPTIONS is a list of options
dotnet publish -c Release src/Silo -o "$silo_dir" -v quiet -nologo ${PUBLISH_OPTIONS:-} >/dev/null
dotnet build -c Release bench/LoadGen -v quiet -nologo >/dev/null

# Prints "milliseconds cpu-seconds", or "failed" if the silo exits or takes over 5 minutes.
start_once() {
  local facility=$1 data=$2 log=$3 begin pid ms stat
  : > "$log" # emptied first: the previous run's startup line must not count for this one
  begin=$(date +%s%N)
  (cd "$silo_dir" && exec dotnet TokenFactoryTwin.Silo.dll --Twin:FacilityFile="$facility" --Twin:DataDirectory="$data" \
    --Orleans:Endpoints:SiloPort=21111 --Orleans:Endpoints:PrimarySiloPort=21111 --Orleans:Endpoints:GatewayPort=31000 \
    --urls http://127.0.0.1:25180) > "$log" 2>&1 &
  pid=$!
  while :; do
    if grep -q "Twinning facility" "$log"; then
      ms=$(( ($(date +%s%N) - begin) / 1000000 ))
      read -r -a stat < "/proc/$pid/stat"
      echo "$ms $(( (stat[13] + stat[14]) * 100 / $(getconf CLK_TCK) ))" | awk '{ printf "%d %.2f\n", $1, $2 / 100 }'
      break
    fi
    if ! kill -0 "$pid" 2>/dev/null || (( ($(date +%s%N) - begin) / 1000000000 > 300 )); then
      echo failed
      break
    fi
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

for racks in "${sizes[@]}"; do
  facility="$work/live-$racks.json"
  dotnet run -c Release --no-build --project bench/LoadGen -- --write-facility "$facility" --gpus $((racks * 72)) >/dev/null
  : > "$work/first" && : > "$work/restart"
  for ((i = 1; i <= repeats; i++)); do
    data="$work/data-$racks-$i"
    first=$(start_once "$facility" "$data" "$work/silo.log")
    restart=$(start_once "$facility" "$data" "$work/silo.log")
    echo "racks=$racks run=$i first_start_ms_cpu_s=[$first] restart_ms_cpu_s=[$restart] load=$(cut -d' ' -f1 /proc/loadavg)"
    echo "$first" | awk '{ print $1 }' >> "$work/first"
    echo "$restart" | awk '{ print $1 }' >> "$work/restart"
  done
  echo "racks=$racks median first start $(median < "$work/first") ms, restart $(median < "$work/restart") ms"
done
