#!/usr/bin/env bash
# Starts a twin on loopback — one silo with the embedded store and one gateway, built in Release — whose facility
# declares enough live GB300 NVL72 racks for N GPUs, drives it with the load generator, and stops both by PID.
# Usage: bench/LoadGen/run.sh <gpus> <seconds> [more load generator options]
# The load generator's JSON line is the last line printed; the twin's logs are kept in the work folder it names.
set -euo pipefail
gpus=${1:-194400}
duration=${2:-30}
shift $(( $# < 2 ? $# : 2 ))
cd "$(dirname "$0")/../.."
work=$(mktemp -d /tmp/tft-load.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
silo_port=$(free_port); client_port=$(free_port); silo_web=$(free_port); gateway_web=$(free_port)

dotnet build -c Release src/Silo/Silo.csproj >/dev/null
dotnet build -c Release src/Gateway/Gateway.csproj >/dev/null
dotnet build -c Release bench/LoadGen/LoadGen.csproj >/dev/null
loadgen=bench/LoadGen/bin/Release/net10.0/TokenFactoryTwin.LoadGen.dll
dotnet "$loadgen" --write-facility "$work/live.json" --gpus "$gpus"

# Each from its own folder, so it reads its appsettings.json (the content root is the working directory).
(cd src/Silo/bin/Release/net10.0 && exec dotnet TokenFactoryTwin.Silo.dll --Twin:FacilityFile="$work/live.json" --Twin:DataDirectory="$work/data" \
  --Orleans:Endpoints:SiloPort="$silo_port" --Orleans:PrimarySiloPort="$silo_port" --Orleans:Endpoints:GatewayPort="$client_port" --urls "http://127.0.0.1:$silo_web" \
  >"$work/silo.log" 2>&1) &
silo=$!
(cd src/Gateway/bin/Release/net10.0 && exec dotnet TokenFactoryTwin.Gateway.dll --Orleans:GatewayPort="$client_port" \
  --urls "http://127.0.0.1:$gateway_web" >"$work/gateway.log" 2>&1) &
gateway=$!
stop() { kill "$gateway" "$silo" 2>/dev/null || true; wait "$gateway" "$silo" 2>/dev/null || true; }
trap stop EXIT

# Ready when the facility counts every declared GPU (they are not reporting yet: that is the load generator's job).
started=$(date +%s)
until curl -sf "http://127.0.0.1:$gateway_web/api/facility" | python3 -c "import json,sys; sys.exit(0 if json.load(sys.stdin)['gpus'] >= $gpus else 1)" 2>/dev/null; do
  if (( $(date +%s) - started > 600 )) || ! kill -0 "$silo" 2>/dev/null || ! kill -0 "$gateway" 2>/dev/null; then
    echo "the twin did not come up; logs in $work" >&2
    exit 1
  fi
  sleep 1
done
echo "Twin up in $(( $(date +%s) - started )) s (silo pid $silo, gateway pid $gateway; logs in $work)"

dotnet "$loadgen" --url "http://127.0.0.1:$gateway_web" --gpus "$gpus" --duration "$duration" --declared \
  --silo-pid "$silo" --gateway-pid "$gateway" "$@"
