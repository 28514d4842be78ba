#!/usr/bin/env bash
# Shows that the silo and gateway images work, without a container daemon or registry:
#   1. builds them on the Debian base (build.sh --debian-base), unless --images DIR names existing silo.tar and
#      gateway.tar;
#   2. reads each image's config: a non-root user that is uid 1654 in the image (the manifests' runAsUser), the
#      entrypoint present and executable, the exposed ports equal to the csproj's ContainerPort items and to the
#      containerPorts of deploy/twin, the HTTP port of the base (ASPNETCORE_HTTP_PORTS) the manifests' one;
#   3. unpacks each image's layers into a root file system and starts its entrypoint as the image's user, in its own
#      mount and PID namespaces, chrooted into a read-only root with writable /tmp (and /data for the silo) mounted
#      as deploy/twin mounts them, listening on 127.0.0.1 only: the silo comes up on its embedded store, the gateway
#      reaches it as an Orleans client, /ready (the manifests' readiness probe) answers 200 on both and
#      /api/facility answers on the gateway. Then stops both by PID (SIGTERM, as Kubernetes does).
# Needs root (namespaces, chroot) and: debootstrap skopeo docker-registry jq curl python3.
# Usage: bash deploy/images/check.sh [--images DIR]
set -euo pipefail

if [ "${1:-}" = "--enter" ]; then
  # Inside the new mount and PID namespaces: build the container's view, then become the image's user in it.
  shift
  rootfs="$1" tmp="$2" data="$3" uid="$4" gid="$5" workdir="$6"
  shift 6
  mount --make-rprivate /
  mount --bind "$rootfs" "$rootfs"
  mount -t proc -o nosuid,nodev,noexec proc "$rootfs/proc"
  mount -t tmpfs -o nosuid,noexec,mode=755 dev "$rootfs/dev"
  for node in null zero random urandom; do
    touch "$rootfs/dev/$node"
    mount --bind "/dev/$node" "$rootfs/dev/$node"
  done
  mount --bind "$tmp" "$rootfs/tmp"
  if [ -n "$data" ]; then mount --bind "$data" "$rootfs/data"; fi
  mount -o remount,bind,ro,nosuid,nodev "$rootfs" # readOnlyRootFilesystem: true
  exec unshare --root="$rootfs" --wd="$workdir" --setgid "$gid" --setuid "$uid" -- "$@"
fi

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
images=""
while (($#)); do
  case "$1" in
    --images) images="$(realpath "$2")"; shift 2 ;;
    *) echo "unknown argument: $1 (usage: $0 [--images DIR])" >&2; exit 2 ;;
  esac
done
if [ "$(id -u)" != 0 ]; then
  echo "check.sh needs root (namespaces and chroot)" >&2
  exit 1
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  local pid status=$?
  set +e
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

started=$(now)
if [ -z "$images" ]; then
  images="$work/images"
  bash "$here/build.sh" --debian-base --output "$images"
fi
echo "build: $(seconds "$started" "$(now)") s"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# unpack <name>: the image's OCI layout and root file system under $work/<name>; sets $config (JSON)
unpack() {
  local name="$1" dir="$work/$1" manifest layer
  mkdir -p "$dir/layout" "$dir/rootfs"
  tar -xf "$images/$name.tar" -C "$dir/layout"
  manifest="$dir/layout/blobs/sha256/$(jq -r '.manifests[0].digest | sub("sha256:"; "")' "$dir/layout/index.json")"
  config="$(cat "$dir/layout/blobs/sha256/$(jq -r '.config.digest | sub("sha256:"; "")' "$manifest")")"
  for layer in $(jq -r '.layers[].digest | sub("sha256:"; "")' "$manifest"); do
    if tar -tzf "$dir/layout/blobs/sha256/$layer" | grep -q '\.wh\.'; then
      echo "layer $layer deletes files (whiteouts), which this check does not apply" >&2
      exit 1
    fi
    tar -xzf "$dir/layout/blobs/sha256/$layer" -C "$dir/rootfs" --numeric-owner --same-permissions
  done
  echo "$name image: $(jq '[.layers[].size] | add / 1048576 | floor' "$manifest") MiB compressed" \
    "($(jq -r '[.layers[].size / 1048576 | floor | tostring] | join(" + ")' "$manifest") MiB by layer)," \
    "$(du -sm "$dir/rootfs" | cut -f1) MiB unpacked"
}

# inspect <name> <csproj> <manifest>: the image's config against the project and the Kubernetes manifest
inspect() {
  local name="$1" csproj="$2" yaml="$3" rootfs="$work/$1/rootfs" user want got
  user="$(jq -r '.config.User // ""' <<<"$config")"
  uid="$(awk -F: -v u="$user" '$1 == u || $3 == u { print $3; exit }' "$rootfs/etc/passwd")"
  gid="$(awk -F: -v u="$user" '$1 == u || $3 == u { print $4; exit }' "$rootfs/etc/passwd")"
  home="$(awk -F: -v u="$user" '$1 == u || $3 == u { print $6; exit }' "$rootfs/etc/passwd")"
  want="$(grep -o 'runAsUser: [0-9]*' "$yaml" | grep -o '[0-9]*')"
  if [ -n "$uid" ] && [ "$uid" != 0 ] && [ "$uid" = "$want" ]; then
    pass "$name runs as '$user' = uid $uid, gid $gid (runAsUser: $want)"
  else
    fail "$name image user '$user' is uid '${uid:-unknown}', the manifest runs as $want"
  fi
  entrypoint="$(jq -r '.config.Entrypoint[0] // ""' <<<"$config")"
  workdir="$(jq -r '.config.WorkingDir // "/"' <<<"$config")"
  if [ -n "$entrypoint" ] && [ -x "$rootfs$entrypoint" ]; then
    pass "$name entrypoint $entrypoint (working dir $workdir)"
  else
    fail "$name entrypoint '$entrypoint' is missing or not executable"
  fi
  want="$(grep -o 'ContainerPort Include="[0-9]*"' "$csproj" | grep -o '[0-9]*' | sort -n | xargs)"
  got="$(jq -r '.config.ExposedPorts // {} | keys[] | sub("/tcp"; "")' <<<"$config" | sort -n | xargs)"
  local manifest_ports
  manifest_ports="$(grep -o 'containerPort: [0-9]*' "$yaml" | grep -o '[0-9]*' | sort -n | xargs)"
  if [ "$got" = "$want" ] && [ "$got" = "$manifest_ports" ]; then
    pass "$name exposes $got (csproj and $(basename "$yaml") agree)"
  else
    fail "$name exposes '$got', the csproj declares '$want', $(basename "$yaml") '$manifest_ports'"
  fi
  image_env=()
  mapfile -t image_env < <(jq -r '.config.Env // [] | .[]' <<<"$config")
  got="$(printf '%s\n' "${image_env[@]}" | sed -n 's/^ASPNETCORE_HTTP_PORTS=//p')"
  want="$(grep -A1 'name: ASPNETCORE_HTTP_PORTS' "$yaml" | grep -o '"[0-9]*"' | tr -d '"')"
  if [ "$got" = "$want" ]; then
    pass "$name serves HTTP on $got, as the manifest says"
  else
    fail "$name image serves HTTP on '$got', the manifest on '$want'"
  fi
}

# start <name> <writable dirs: tmp [data]> -- <environment...>: starts the image's entrypoint; sets $pid (the app's
# PID as seen from here) and $runner (the unshare holding its namespaces)
start() {
  local name="$1" rootfs="$work/$1/rootfs" data="" log="$work/$1.log"
  shift
  mkdir -p "$work/$name/tmp"
  chown "$uid:$gid" "$work/$name/tmp"
  if [ "$1" = "data" ]; then
    data="$work/$name/data"
    mkdir -p "$data" "$rootfs/data" # Kubernetes makes the mount point of a volume; here it is made before
    chown "$uid:$gid" "$data"
    shift
  fi
  shift # --
  env -i "${image_env[@]}" HOME="$home" HOSTNAME="$name" "$@" \
    unshare --mount --pid --fork --kill-child -- \
    bash "$here/check.sh" --enter "$rootfs" "$work/$name/tmp" "$data" "$uid" "$gid" "$workdir" \
    "$entrypoint" >"$log" 2>&1 &
  runner=$!
  pids+=("$runner")
  # unshare forks the script above, which becomes the app by exec: wait until that child is the app.
  pid=""
  for _ in $(seq 1 200); do
    pid="$(pgrep -P "$runner" | head -n 1 || true)"
    if [ -n "$pid" ] && [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == *"$entrypoint" ]]; then break; fi
    sleep 0.1
  done
}

# await <name> <url> <status>: polls until the URL answers with the status; prints the seconds it took
await() {
  local name="$1" url="$2" want="$3" from="$4" code
  for _ in $(seq 1 600); do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" || true)"
    if [ "$code" = "$want" ]; then
      echo "$(seconds "$from" "$(now)")"
      return 0
    fi
    if ! kill -0 "$runner" 2>/dev/null; then
      echo "$name exited; its log:" >&2
      tail -n 40 "$work/$name.log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "$url did not answer $want in 5 minutes (last: $code); $name's log:" >&2
  tail -n 40 "$work/$name.log" >&2
  return 1
}

# confined <name>: the process is the image's user, without groups, on a read-only root
confined() {
  local name="$1" ids groups root
  ids="$(awk '/^Uid:|^Gid:/ { print $2, $3, $4, $5 }' "/proc/$pid/status" | xargs)"
  groups="$(awk '/^Groups:/ { $1 = ""; print }' "/proc/$pid/status" | xargs)"
  root="$(awk '$5 == "/" { print $6 }' "/proc/$pid/mountinfo" | head -n 1)"
  if [ "$ids" = "$uid $uid $uid $uid $gid $gid $gid $gid" ] && [ -z "$groups" ] && [[ ",$root," == *,ro,* ]]; then
    pass "$name process $pid runs as $uid:$gid, no supplementary groups, root mounted $root"
  else
    fail "$name process $pid: uid/gid '$ids', groups '$groups', root mounted '$root'"
  fi
}

stop() { # stop <name>: SIGTERM to the app, as Kubernetes stops a pod; prints the seconds to exit
  local name="$1" from
  from=$(now)
  kill -TERM "$pid"
  for _ in $(seq 1 600); do
    kill -0 "$runner" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$runner" 2>/dev/null; then
    fail "$name did not stop within 60 s of SIGTERM"
    kill "$runner"
  fi
  local status=0
  wait "$runner" 2>/dev/null || status=$?
  if [ "$status" = 0 ]; then
    pass "$name stopped cleanly $(seconds "$from" "$(now)") s after SIGTERM"
  else
    fail "$name exited with status $status after SIGTERM; its log ends:"
    tail -n 20 "$work/$name.log" >&2
  fi
}

unpack silo
touch "$work/started"
inspect silo "$repo/src/Silo/Silo.csproj" "$repo/deploy/twin/silo.yaml"
silo_env=("${image_env[@]}")
silo_http=$(free_port) silo_port=$(free_port) silo_gateway=$(free_port)
from=$(now)
# The embedded store (one silo, SQLite in /data) instead of the manifests' Redis; bound to loopback.
start silo data -- ASPNETCORE_URLS="http://127.0.0.1:$silo_http" Twin__Store=embedded Twin__DataDirectory=/data \
  Orleans__Endpoints__SiloPort="$silo_port" Orleans__Endpoints__PrimarySiloPort="$silo_port" \
  Orleans__Endpoints__GatewayPort="$silo_gateway"
silo_pid=$pid silo_runner=$runner
alive=$(await silo "http://127.0.0.1:$silo_http/alive" 200 "$from") || exit 1
ready=$(await silo "http://127.0.0.1:$silo_http/ready" 200 "$from") || exit 1
pass "silo alive after $alive s, ready (/ready 200) after $ready s"
confined silo
if [ -s "$work/silo/data/twin.db" ]; then
  pass "silo keeps its embedded store on the /data volume ($(du -k "$work/silo/data/twin.db" | cut -f1) KiB twin.db)"
else
  fail "silo wrote no twin.db to /data"
fi

unpack gateway
inspect gateway "$repo/src/Gateway/Gateway.csproj" "$repo/deploy/twin/gateway.yaml"
gateway_http=$(free_port) gateway_otlp=$(free_port)
from=$(now)
start gateway -- ASPNETCORE_URLS="http://127.0.0.1:$gateway_http" Twin__Otlp__GrpcEndpoint="127.0.0.1:$gateway_otlp" \
  Orleans__GatewayPort="$silo_gateway"
gateway_pid=$pid gateway_runner=$runner
ready=$(await gateway "http://127.0.0.1:$gateway_http/ready" 200 "$from") || exit 1
pass "gateway ready (/ready 200: connected to the silo) after $ready s"
confined gateway
code="$(curl -s -o "$work/facility.json" -w '%{http_code}' --max-time 10 "http://127.0.0.1:$gateway_http/api/facility")"
if [ "$code" = 200 ] && jq -e 'type == "object"' "$work/facility.json" >/dev/null; then
  pass "gateway /api/facility 200: $(head -c 160 "$work/facility.json")..."
else
  fail "gateway /api/facility answered $code: $(head -c 300 "$work/facility.json")"
fi

pid=$gateway_pid runner=$gateway_runner
stop gateway
pid=$silo_pid runner=$silo_runner
stop silo
written="$(find "$work/silo/rootfs" "$work/gateway/rootfs" -xdev -newer "$work/started" \
  -not -path '*/tmp/*' -not -path '*/data/*' -not -path '*/dev/*' -not -path '*/proc/*' -type f | head -n 5)"
if [ -z "$written" ]; then
  pass "nothing written outside /tmp and /data"
else
  fail "files written outside /tmp and /data: $written"
fi

echo "images checked in $(seconds "$started" "$(now)") s: $failures failure(s)"
((failures == 0))
