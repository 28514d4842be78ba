#!/usr/bin/env bash
# Sets up what the tests need (Debian packages, when run as root) and runs every test project of the solution.
# Ends with one line "N passed, N failed, N skipped" from the real counts; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
# kubectl renders the Kubernetes manifests under deploy/ (kubectl kustomize) for the deployment tests.
command -v kubectl >/dev/null 2>&1 || packages+=(kubernetes-client)
command -v prometheus >/dev/null 2>&1 || packages+=(prometheus)
# AFL++ drives the coverage-guided fuzz targets (fuzz/run.sh) for a short budget after the tests.
command -v afl-fuzz >/dev/null 2>&1 || packages+=(afl++)
if ((${#packages[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${packages[*]} from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null || exit 1
  else
    echo "The tests need: ${packages[*]}. Install them with: sudo apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$PWD/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build TokenFactoryTwin.sln -c Release -v quiet -nologo || { echo "0 passed, 1 failed"; exit 1; }

status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results/$name" --blame-hang-timeout 10m || status=1
done

# Coverage-guided fuzzing, a short run of every target (TFT_FUZZ_SECONDS each; the long runs are in docs/benchmarks.md).
echo "== fuzz (${TFT_FUZZ_SECONDS:-20} s per target)"
fuzz_failed=0
bash fuzz/run.sh "${TFT_FUZZ_SECONDS:-20}" || { status=1; fuzz_failed=1; }

passed=0 failed=0 skipped=0
for trx in "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { local v; v=$(echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'); echo "${v:-0}"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed)
  passed=$((passed + p))
  failed=$((failed + f + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + total - executed))
done

failed=$((failed + fuzz_failed))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # a test run crashed or hung before it could report its failures
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
