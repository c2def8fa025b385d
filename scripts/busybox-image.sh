#!/usr/bin/env bash
# Makes a one-layer busybox image tar, in the layout `docker save` writes and `docker load` reads,
# from the host's static busybox (Debian package busybox-static). No registry needed.
#
#   scripts/busybox-image.sh OUT.tar [REPO:TAG]      (default tag busybox:latest)
#
# The output is byte-for-byte reproducible for a given busybox binary.
set -euo pipefail
out=${1:?usage: busybox-image.sh OUT.tar [REPO:TAG]}
tag=${2:-busybox:latest}
bb=${BUSYBOX:-/bin/busybox}
linkage=$(ldd "$bb" 2>&1 || true)
if ! "$bb" --list >/dev/null 2>&1 || [[ "$linkage" != *"not a dynamic"* && "$linkage" != *"statically linked"* ]]; then
  echo "busybox-image.sh: $bb is not a static busybox; apt-get install busybox-static" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root"/{bin,etc,tmp,root,home,var/spool/mail,proc,sys,dev,usr/bin,usr/sbin,sbin}
chmod 1777 "$root/tmp"
cp "$bb" "$root/bin/busybox"
chmod 0755 "$root/bin/busybox"
for applet in $("$bb" --list); do
  [ "$applet" = busybox ] && continue
  ln -sf busybox "$root/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' > "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"

layer=$work/layer.tar
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 --format=gnu -C "$root" -cf "$layer" .
layer_hex=$(sha256sum "$layer" | cut -d' ' -f1)
created="1970-01-01T00:00:00Z"
config=$(printf '{"architecture":"amd64","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"]},"created":"%s","history":[{"created":"%s","created_by":"/bin/sh -c #(nop) ADD file:busybox-static in / "},{"created":"%s","created_by":"/bin/sh -c #(nop)  CMD [\\"sh\\"]","empty_layer":true}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
  "$created" "$created" "$created" "$layer_hex")
config_hex=$(printf '%s' "$config" | sha256sum | cut -d' ' -f1)

img=$work/image
mkdir -p "$img/$layer_hex"
mv "$layer" "$img/$layer_hex/layer.tar"
printf '1.0' > "$img/$layer_hex/VERSION"
printf '%s' "$config" > "$img/$config_hex.json"
repo=${tag%:*}
printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]' "$config_hex" "$tag" "$layer_hex" > "$img/manifest.json"
printf '{"%s":{"%s":"%s"}}' "$repo" "${tag##*:}" "$layer_hex" > "$img/repositories"
out_abs=$(realpath -m "$out")
(cd "$img" && tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf "$out_abs" -- *)
echo "$out: image sha256:$config_hex ($tag)"
