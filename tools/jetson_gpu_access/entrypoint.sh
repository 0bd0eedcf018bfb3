#!/bin/sh
# jga-entrypoint: align this container's groups with the GPU device nodes it was given, then run
# the command as JGA_USER. From jetson-gpu-access (`jetson-gpu-access entrypoint --print`).
#
# Why: SSH, su - and login rebuild a user's groups from this image's /etc/group, so the GIDs of the
# host's nodes (render differs on every host) must be there by number; docker run --group-add is
# not enough. Rules, the same as `jetson-gpu-access plan`: reuse the group that already has the
# node's GID unless it is sensitive; otherwise create render/video with that GID, or renumber an
# existing render/video only when no user has it as primary group and no file is owned by the old
# GID; append the user (never replace groups). Never changes a device node, never uses groupadd -f
# or -o. Logs one line per change, changes nothing on a second start, and stops the container with
# a message (exit 1) rather than start it half-fixed.
#
# Environment: JGA_USER (required) the account that needs the GPU; JGA_RUN_AS (default JGA_USER)
# who runs the command: set it to root when the command is sshd; JGA_NODES to override the nodes.
set -eu
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin  # runs as root: never trust an inherited PATH
export PATH

log() { printf 'jga-entrypoint: %s\n' "$*" >&2; }
fail() { printf 'jga-entrypoint: error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "must start as root to align groups; put USER after this entrypoint, not in the image"
user=${JGA_USER:-}
[ -n "$user" ] || fail "set JGA_USER to the account that needs the GPU"
case $user in -* | *[!A-Za-z0-9_.-]*) fail "JGA_USER '$user' is not a user name" ;; esac
id -u -- "$user" >/dev/null 2>&1 || fail "user '$user' does not exist in this image"
run_as=${JGA_RUN_AS:-$user}
nodes=${JGA_NODES:-"/dev/nvmap /dev/dri/renderD* /dev/nvgpu/igpu0/ctrl /dev/nvgpu/igpu0/as /dev/nvgpu/igpu0/channel /dev/nvgpu/igpu0/tsg /dev/nvgpu/igpu0/power /dev/nvhost-ctrl /dev/nvhost-ctrl-gpu /dev/nvhost-gpu /dev/nvhost-as-gpu /dev/nvhost-tsg-gpu /dev/host1x-fence"}
sensitive=" root sudo wheel adm shadow disk kmem docker input systemd-journal lxd libvirt staff tty utmp "

has_gid() { id -G -- "$1" | tr ' ' '\n' | grep -qx -- "$2"; }

for node in $nodes; do
    [ -e "$node" ] || continue
    [ -c "$node" ] || fail "$node is not a character device; refusing to touch it"
    gid=$(stat -c %g -- "$node")
    mode=$(stat -c %a -- "$node")
    [ "$gid" != 0 ] || fail "$node belongs to group root; restore the vendor udev rules on the host"
    [ "$gid" != 65534 ] || fail "$node shows GID 65534 (user namespace); use --group-add keep-groups or run rootful"
    [ $(((0$mode >> 3) & 4)) -ne 0 ] || fail "$node is mode $mode: its group cannot read it; fix the host's udev rules"
    has_gid "$user" "$gid" && continue
    name=$(getent group "$gid" | cut -d: -f1)
    if [ -n "$name" ]; then
        case $sensitive in *" $name "*) fail "GID $gid of $node is the sensitive group '$name' here; not joining it" ;; esac
    else
        case $node in /dev/dri/renderD*) name=render ;; *) name=video ;; esac
        old=$(getent group "$name" | cut -d: -f3)
        if [ -z "$old" ]; then
            groupadd -g "$gid" -- "$name" || fail "groupadd -g $gid $name failed"
            log "created group $name with GID $gid for $node"
        else
            if cut -d: -f4 /etc/passwd | grep -qx -- "$old"; then
                fail "group $name (GID $old) is a user's primary group; build the image with $name as GID $gid"
            fi
            if [ -n "$(find / -xdev -group "$old" -print 2>/dev/null | head -n 1)" ]; then
                fail "files are owned by GID $old; build the image with $name as GID $gid instead of renumbering"
            fi
            groupmod -g "$gid" -- "$name" || fail "groupmod -g $gid $name failed"
            log "renumbered group $name from GID $old to $gid for $node"
        fi
    fi
    usermod -a -G "$name" -- "$user" || fail "usermod -a -G $name $user failed"
    log "added $user to $name (GID $gid) for $node"
done

[ $# -gt 0 ] || fail "no command given"
[ "$run_as" != root ] || exec "$@"
uid=$(id -u -- "$run_as")
gid=$(id -g -- "$run_as")
home=$(getent passwd "$run_as" | cut -d: -f6)
export HOME="$home" USER="$run_as" LOGNAME="$run_as"
if command -v setpriv >/dev/null 2>&1; then
    exec setpriv --reuid="$uid" --regid="$gid" --init-groups -- "$@"
elif command -v su-exec >/dev/null 2>&1; then
    exec su-exec "$run_as" "$@"
elif command -v gosu >/dev/null 2>&1; then
    exec gosu "$run_as" "$@"
fi
fail "need setpriv (util-linux), su-exec or gosu to run the command as $run_as"
