#!/usr/bin/env bash
# The soak run, one command: a fresh twin (bench/LoadGen/run.sh: Release silo with the embedded store + gateway,
# a declared live facility) under live ingest at --gpus for the whole run, with scenarios created, changed,
# evaluated and deleted and live-view clients connecting and leaving (bench/Soak/soak.py), sampled every few
# seconds; then the table and the plot (bench/Soak/plot.py).
# Usage: bench/Soak/run.sh [--minutes 30] [--gpus 532800] [--interval-ms 1000] [--warmup 45] [--form racks]
#        [--out bench/Soak/results/<date>-soak.jsonl] [--svg docs/soak.svg] [more soak.py options, e.g. --viewers 3]
set -euo pipefail
minutes=30 gpus=532800 interval=1000 warmup=45 form=racks svg=""
out="bench/Soak/results/$(date -u +%Y-%m-%dT%H%M)-soak.jsonl"
extra=()
while (( $# )); do
  case $1 in
    --minutes) minutes=$2 ;;
    --gpus) gpus=$2 ;;
    --interval-ms) interval=$2 ;;
    --warmup) warmup=$2 ;;
    --form) form=$2 ;;
    --out) out=$2 ;;
    --svg) svg=$2 ;;
    *) extra+=("$1" "$2") ;;
  esac
  shift 2
done
cd "$(dirname "$0")/../.."
mkdir -p "$(dirname "$out")"
settle=15
# The load generator measures after its own warm-up (at most 60 s from the first interval the twin took whole),
# so it runs past the soak's end either way.
seconds=$(python3 -c "print(int($minutes * 60) + $warmup + $settle + 90)")
log=$(mktemp /tmp/tft-soak.XXXXXX)

bench/LoadGen/run.sh "$gpus" "$seconds" --form "$form" >"$log" 2>&1 &
load=$!
soak=""
silo="" gateway=""
stop() {
  [[ -n $soak ]] && kill "$soak" 2>/dev/null || true
  # LoadGen's run.sh stops the twin when its generator ends; stop all three directly too, so an interrupted soak
  # leaves nothing behind.
  for pid in $(pgrep -P "$load" 2>/dev/null || true); do kill "$pid" 2>/dev/null || true; done
  [[ -n $gateway ]] && kill "$gateway" 2>/dev/null || true
  [[ -n $silo ]] && kill "$silo" 2>/dev/null || true
  kill "$load" 2>/dev/null || true
  wait "$load" 2>/dev/null || true
}
trap stop EXIT
# A signal ends the script through its EXIT trap, so an interrupted soak stops its sampler and the twin too.
trap "exit 143" INT TERM

# Wait until the generator is sending (it starts with the twin and feeds it while it comes up).
started=$(date +%s)
until grep -q '^Sending' "$log"; do
  if ! kill -0 "$load" 2>/dev/null || (( $(date +%s) - started > 900 )); then
    cat "$log" >&2
    echo "the twin or the load generator did not start" >&2
    exit 1
  fi
  sleep 2
done
twin_line=$(grep '^Twin launched' "$log")
silo=$(sed -E 's/.*silo pid ([0-9]+).*/\1/' <<<"$twin_line")
gateway=$(sed -E 's/.*gateway pid ([0-9]+).*/\1/' <<<"$twin_line")
work=$(sed -E 's/.*logs in ([^)]+)\).*/\1/' <<<"$twin_line")
gateway_url=$(grep '^Twin at' "$log" | sed -E 's/^Twin at ([^ ]+): .*/\1/')
gateway_url=${gateway_url%/}/
silo_url=$(tr '\0' '\n' <"/proc/$silo/cmdline" | grep -A1 -x -- '--urls' | tail -n 1)
# The soak starts from a twin that has caught up: every declared GPU reporting and no rack stale (bounded).
until curl -sf "${gateway_url}api/facility" | python3 -c "import json,sys; f=json.load(sys.stdin); sys.exit(0 if f['gpus'] >= $gpus and f['gpusReporting'] >= $gpus and f['staleRacks'] == 0 else 1)" 2>/dev/null; do
  if ! kill -0 "$load" 2>/dev/null || (( $(date +%s) - started > 900 )); then
    cat "$log" >&2
    echo "the twin did not report every GPU within 15 minutes" >&2
    exit 1
  fi
  sleep 2
done
echo "Every GPU reporting $(( $(date +%s) - started )) s after the generator started"
cat "$log"
echo "Ingest started; soak begins in $warmup s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
sleep "$warmup"

python3 bench/Soak/soak.py --gateway "$gateway_url" --silo-url "$silo_url" --silo-pid "$silo" --gateway-pid "$gateway" \
  --db "$work/data/twin.db" --out "$out" --minutes "$minutes" --interval-ms "$interval" --settle "$settle" \
  --label "gpus=$gpus form=$form" "${extra[@]}" &
soak=$!
wait "$soak"
soak=""

# The generator's own report (samples/s accepted, seconds behind) covers the soak's window; it ends by itself.
wait "$load" || true
tail -n 1 "$log" | grep '^{' | python3 -c 'import json,sys; d=json.load(sys.stdin); d["loadgen"]=True; print(json.dumps(d))' >>"$out" || true
tail -n 2 "$log"
python3 bench/Soak/plot.py "$out" ${svg:+--svg "$svg"}
