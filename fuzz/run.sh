#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser and decoder the gateway exposes: SharpFuzz instruments the twin's
# assemblies and AFL++ (Debian's afl++) drives each target in fuzz/FuzzTargets from its seed corpus in fuzz/corpus.
#
#   bash fuzz/run.sh [seconds per target, default 60] [target ...]   (no target: all of them)
#
# Each target runs for the budget (with its dictionary from fuzz/dictionaries, if it has one); what AFL saves as a
# crash or a hang is copied to tests/TestData/fuzz/<target>/, where tests/UnitTests/Telemetry/FuzzTargetReplayTests
# replays it (fix the code, keep the input). One JSON line per target (executions, corpus, map coverage, crashes,
# hangs) goes to fuzz/out/results.jsonl and to stdout. Exits non-zero when any target saved a crash or a hang. AFL's
# own output stays in fuzz/out/<target>/ for a closer look.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
if ! command -v afl-fuzz >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null || exit 1
  else
    echo "fuzzing needs AFL++: sudo apt-get install -y afl++" >&2
    exit 1
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out="$PWD/fuzz/out"
bin="$out/bin"
rm -rf "$out"
mkdir -p "$out"
dotnet tool restore >/dev/null || exit 1
dotnet publish fuzz/FuzzTargets/FuzzTargets.csproj -c Release -o "$bin" -v quiet -nologo || exit 1
# Only the twin's own code is instrumented: coverage of the runtime and of libraries would steer AFL away from it.
for assembly in TokenFactoryTwin.Domain TokenFactoryTwin.Abstractions; do
  dotnet tool run sharpfuzz "$bin/$assembly.dll" || exit 1
done

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(ls fuzz/corpus)
fi

# A machine that is not set up for fuzzing (CPU governor, core dumps piped elsewhere, shared cores) still gives
# correct findings, only fewer executions a second: AFL is told not to insist on it.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1

status=0
for target in "${targets[@]}"; do
  # A dictionary of the format's syntax and the names the twin maps gets AFL past the first bytes of a text format.
  dictionary=()
  [ -f "fuzz/dictionaries/$target.dict" ] && dictionary=(-x "fuzz/dictionaries/$target.dict")
  afl-fuzz -V "$seconds" -t 5000 -m none "${dictionary[@]}" -i "fuzz/corpus/$target" -o "$out/$target" \
    -- dotnet "$bin/TokenFactoryTwin.FuzzTargets.dll" "$target" >"$out/$target.log" 2>&1
  stats="$out/$target/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    echo "{\"target\":\"$target\",\"error\":\"afl-fuzz did not start; see fuzz/out/$target.log\"}" | tee -a "$out/results.jsonl"
    tail -n 20 "$out/$target.log" >&2
    status=1
    continue
  fi

  stat() { grep -m1 "^$1 " "$stats" | sed 's/.*: *//'; }
  findings=0
  for kind in crashes hangs; do
    for input in "$out/$target/default/$kind"/id:*; do
      [ -f "$input" ] || continue
      mkdir -p "tests/TestData/fuzz/$target"
      cp "$input" "tests/TestData/fuzz/$target/${kind%es}-$(sha1sum "$input" | cut -c1-12)"
      findings=$((findings + 1))
    done
  done
  [ "$findings" -gt 0 ] && status=1
  printf '{"target":"%s","seconds":%s,"executions":%s,"execsPerSecond":%s,"corpus":%s,"coverage":"%s","crashes":%s,"hangs":%s}\n' \
    "$target" "$seconds" "$(stat execs_done)" "$(stat execs_per_sec)" "$(stat corpus_count)" "$(stat bitmap_cvg)" \
    "$(stat saved_crashes)" "$(stat saved_hangs)" | tee -a "$out/results.jsonl"
done

if [ "$status" -ne 0 ]; then
  echo "fuzzing found inputs that crash or hang a target: they are in tests/TestData/fuzz/<target>/" >&2
fi
exit "$status"
