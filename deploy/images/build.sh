#!/usr/bin/env bash
# Builds the silo and gateway container images with the .NET SDK (`dotnet publish -t:PublishContainer`), as
# tarballs of an OCI image layout (DIR/silo.tar, DIR/gateway.tar) that `docker load`, `podman load` and
# `skopeo copy oci-archive:DIR/silo.tar docker://REGISTRY/tokenfactorytwin/silo:latest` take.
#
#   bash deploy/images/build.sh [--output DIR] [-- extra dotnet publish arguments]
#       On the official base image (mcr.microsoft.com/dotnet/aspnet), framework-dependent: what the SDK does by
#       itself. The build machine must reach mcr.microsoft.com.
#
#   bash deploy/images/build.sh --debian-base [--mirror URL] [--security-mirror URL] [--output DIR] [-- ...]
#       For closed networks, needs root and a Debian mirror only: builds a runtime-deps-like base image from Debian
#       packages (debootstrap minbase bookworm + ca-certificates, libssl3, tzdata, upgraded from bookworm-updates and
#       bookworm-security; user `app` uid 1654 as in the official images), serves it from a throwaway registry on
#       127.0.0.1 and publishes the apps self-contained (linux-x64) on it. The base is kept as an OCI layout in
#       DIR/base for a site to push into its own registry.
#
# Extra arguments go to both `dotnet publish` calls, e.g. `-- -p:ContainerBaseImage=registry.example/dotnet/aspnet:10.0`
# for the official base image mirrored into a site's own registry.
set -euo pipefail
cd "$(dirname "$0")/../.."

output="$PWD/artifacts/images"
debian_base=0
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
extra=()
while (($#)); do
  case "$1" in
    --output) output="$(realpath -m "$2")"; shift 2 ;;
    --debian-base) debian_base=1; shift ;;
    --mirror) mirror="$2"; shift 2 ;;
    --security-mirror) export DEBIAN_SECURITY_MIRROR="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown argument: $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done
mkdir -p "$output"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

publish() { # publish <project> <image name> [publish arguments...]
  local project="$1" name="$2"
  shift 2
  echo "== $name image"
  dotnet publish "$project" -c Release -nologo -v quiet -t:PublishContainer \
    -p:ContainerArchiveOutputPath="$output/$name.tar" "$@" "${extra[@]}"
}

if ((debian_base == 0)); then
  publish src/Silo/Silo.csproj silo
  publish src/Gateway/Gateway.csproj gateway
  exit 0
fi

# ---- Closed network: the base image from Debian packages ----
if [ "$(id -u)" != 0 ]; then
  echo "--debian-base needs root (debootstrap and the image's file ownership)" >&2
  exit 1
fi
missing=()
for tool in debootstrap:debootstrap skopeo:skopeo docker-registry:docker-registry; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
if ((${#missing[@]})); then
  echo "--debian-base needs: ${missing[*]}. Install them with: apt-get install -y ${missing[*]}" >&2
  exit 1
fi

work="$(mktemp -d)"
registry_pid=""
cleanup() {
  local status=$?
  set +e # the registry's own exit status on SIGTERM is not this script's
  if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null; wait "$registry_pid" 2>/dev/null; fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

# Everything .NET needs on Linux besides what minbase has (libc6, libgcc-s1, libstdc++6, zlib1g): TLS (libssl3),
# root certificates for Redis over TLS and OTLP exporters (ca-certificates), time zones (tzdata). No libicu: every
# project sets InvariantGlobalization, and the base says so in DOTNET_SYSTEM_GLOBALIZATION_INVARIANT for any other
# app put on it (30 MB less).
rootfs="$work/rootfs"
echo "== base image: debootstrap --variant=minbase bookworm from $mirror"
debootstrap --variant=minbase --include=ca-certificates,libssl3,tzdata bookworm "$rootfs" "$mirror" \
  >"$work/debootstrap.log" 2>&1 || { tail -n 20 "$work/debootstrap.log" >&2; exit 1; }
# The suite alone is its last point release: bring in bookworm-updates and the security archive, as Debian's images do.
security="${DEBIAN_SECURITY_MIRROR:-${mirror%/debian}/debian-security}"
printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb %s bookworm-security main\n' \
  "$mirror" "$mirror" "$security" >"$rootfs/etc/apt/sources.list"
cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
{ chroot "$rootfs" apt-get update -qq && DEBIAN_FRONTEND=noninteractive chroot "$rootfs" apt-get upgrade -y -qq; } \
  >"$work/upgrade.log" 2>&1 || { tail -n 20 "$work/upgrade.log" >&2; exit 1; }
rm "$rootfs/etc/resolv.conf"
echo "stable and security updates: $(grep -c '^Unpacking' "$work/upgrade.log" || true) package(s) upgraded"
# The unprivileged user of the official .NET images, so `ContainerUser=app` and runAsUser: 1654 mean the same.
groupadd --root "$rootfs" --gid 1654 app
useradd --root "$rootfs" --uid 1654 --gid 1654 --no-log-init --create-home --shell /usr/sbin/nologin app
# What a container never uses: package caches and lists, manuals, logs of the bootstrap.
rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/* "$rootfs"/usr/share/doc/* \
  "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/cache/debconf/*-old \
  "$rootfs"/dev/* "$rootfs"/proc/* "$rootfs"/sys/* "$rootfs"/tmp/* "$rootfs"/run/*

# One layer: sorted, numeric owners, every file stamped with SOURCE_DATE_EPOCH (else the time of the bootstrap).
epoch="${SOURCE_DATE_EPOCH:-$(stat -c %Y "$rootfs/var/lib/dpkg/status")}"
tar --numeric-owner --sort=name --mtime="@$epoch" --xattrs -C "$rootfs" -cf "$work/layer.tar" .
diff_id="$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
layout="$output/base"
rm -rf "$layout"
mkdir -p "$layout/blobs/sha256"
gzip -n -6 <"$work/layer.tar" >"$work/layer.tar.gz"
layer="$(sha256sum "$work/layer.tar.gz" | cut -d' ' -f1)"
mv "$work/layer.tar.gz" "$layout/blobs/sha256/$layer"
blob() { # blob <file>: stores it in the layout, prints "<digest> <size>"
  local digest size
  digest="$(sha256sum "$1" | cut -d' ' -f1)"
  size="$(stat -c %s "$1")"
  mv "$1" "$layout/blobs/sha256/$digest"
  echo "$digest $size"
}
created="$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)"
jq -n --arg diff "sha256:$diff_id" --arg created "$created" --arg mirror "$mirror" '{
  architecture: "amd64", os: "linux", created: $created,
  config: {
    Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "APP_UID=1654",
          "ASPNETCORE_HTTP_PORTS=8080", "DOTNET_RUNNING_IN_CONTAINER=true",
          "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true"],
    WorkingDir: "/"
  },
  rootfs: { type: "layers", diff_ids: [$diff] },
  history: [{ created: $created,
              created_by: ("debootstrap --variant=minbase --include=ca-certificates,libssl3,tzdata bookworm " + $mirror + "; user app 1654") }]
}' >"$work/config.json"
read -r config config_size < <(blob "$work/config.json")
jq -n --arg config "sha256:$config" --argjson config_size "$config_size" \
  --arg layer "sha256:$layer" --argjson layer_size "$(stat -c %s "$layout/blobs/sha256/$layer")" '{
  schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
  config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: $config, size: $config_size },
  layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $layer, size: $layer_size }]
}' >"$work/manifest.json"
read -r manifest manifest_size < <(blob "$work/manifest.json")
base_tag="bookworm-minbase"
jq -n --arg manifest "sha256:$manifest" --argjson size "$manifest_size" --arg tag "$base_tag" '{
  schemaVersion: 2,
  manifests: [{ mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $manifest, size: $size,
                platform: { architecture: "amd64", os: "linux" },
                annotations: { "org.opencontainers.image.ref.name": $tag } }]
}' >"$layout/index.json"
echo '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"
echo "base image: $layout ($base_tag, $(du -k "$layout/blobs/sha256/$layer" | cut -f1) KiB compressed)"

# A throwaway registry on loopback, storage in the temp dir: the SDK pulls base images from registries only.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat >"$work/registry.yml" <<EOF
version: 0.1
log: { level: warn }
storage: { filesystem: { rootdirectory: $work/registry } }
http: { addr: 127.0.0.1:$port }
EOF
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break
  sleep 0.2
done
base="127.0.0.1:$port/tokenfactorytwin/dotnet-deps:$base_tag"
skopeo copy -q --dest-tls-verify=false "oci:$layout:$base_tag" "docker://$base"

# The registry speaks plain HTTP: tell the SDK so. Self-contained, since the base carries no .NET runtime.
export DOTNET_CONTAINER_INSECURE_REGISTRIES="127.0.0.1:$port"
for project in Silo Gateway; do
  name="$(echo "$project" | tr '[:upper:]' '[:lower:]')"
  publish "src/$project/$project.csproj" "$name" -r linux-x64 --self-contained \
    -p:ContainerBaseImage="$base" -o "$work/publish/$name"
done
