#!/bin/sh
# jga-entrypoint: align this container's groups with the GPU device nodes it was given, then run
# the command as JGA_USER. From jetson-gpu-access (`jetson-gpu-access entrypoint --print`).
#
# Why: SSH, su - and login rebuild a user's groups from this image's /etc/group, so the GIDs of the
# host's nodes (render differs on every host) must be there by number; docker run --group-add is
# not enough. Rules, the same as `jetson-gpu-access plan`: reuse the group that already has the
# node's GID unless it is sensitive; otherwise create render/video with that GID, or renumber an
# existing render/video only when no user has it as primary group and no file is owned by the old
# GID and no other node here uses the old GID; never give one name two GIDs, never join a group
# whose GID a sensitive group shares, refuse duplicate GIDs; append the user (never replace
# groups). It checks its tools and decides every change before making any. Never changes a
# device node, never uses groupadd -f or -o. Logs one line per change, changes nothing on a
# second start, and stops the container with a message (exit 1) rather than start it half-fixed.
#
# Environment: JGA_USER (required) the account that needs the GPU; JGA_RUN_AS (default JGA_USER)
# who runs the command: set it to root when the command is sshd; JGA_NODES to override the nodes.
set -eu
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin  # runs as root: never trust an inherited PATH
export PATH

log() { printf 'jga-entrypoint: %s\n' "$*" >&2; }
fail() { printf 'jga-entrypoint: error: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1; }

[ "$(id -u)" = 0 ] || fail "must start as root to align groups; put USER after this entrypoint, not in the image"
user=${JGA_USER:-}
[ -n "$user" ] || fail "set JGA_USER to the account that needs the GPU"
case $user in -* | *[!A-Za-z0-9_.-]*) fail "JGA_USER '$user' is not a user name" ;; esac
run_as=${JGA_RUN_AS:-$user}
case $run_as in -* | *[!A-Za-z0-9_.-]*) fail "JGA_RUN_AS '$run_as' is not a user name" ;; esac
[ $# -gt 0 ] || fail "no command given"
nodes=${JGA_NODES:-"/dev/nvmap /dev/dri/renderD* /dev/nvgpu/igpu0/ctrl /dev/nvgpu/igpu0/as /dev/nvgpu/igpu0/channel /dev/nvgpu/igpu0/tsg /dev/nvgpu/igpu0/power /dev/nvhost-ctrl /dev/nvhost-ctrl-gpu /dev/nvhost-gpu /dev/nvhost-as-gpu /dev/nvhost-tsg-gpu /dev/host1x-fence"}
# The names in data/policy.json "sensitive_groups" (a test keeps the two equal).
sensitive=" root sudo wheel admin adm shadow disk kmem docker lxd incus-admin microk8s ssl-cert libvirt input systemd-journal staff tty utmp "

# 1. Everything this script needs, before it changes anything.
for tool in getent id stat cut sort uniq grep tr head readlink; do
    need "$tool" || fail "$tool is missing from the image; install it (libc-bin, coreutils, grep) or use --group-add"
done
if need groupadd && need usermod && need groupmod; then tools=shadow
elif need addgroup && case $(readlink -f "$(command -v addgroup)") in */busybox*) true ;; *) false ;; esac; then tools=busybox
else fail "needs groupadd and usermod (shadow-utils, the passwd package) or BusyBox addgroup; install one, or use --group-add"
fi
drop=
if [ "$run_as" != root ]; then
    if need setpriv && setpriv --help 2>&1 | grep -q -- --init-groups; then drop=setpriv
    elif need su-exec; then drop=su-exec
    elif need gosu; then drop=gosu
    else fail "needs setpriv with --init-groups (util-linux), su-exec or gosu to run the command as $run_as"
    fi
fi
id -u -- "$user" >/dev/null 2>&1 || fail "user '$user' does not exist in this image"
id -u -- "$run_as" >/dev/null 2>&1 || fail "user '$run_as' (JGA_RUN_AS) does not exist in this image"
duplicate=$(grep -v '^[#+-]' /etc/group | cut -d: -f3 | sort | uniq -d | head -n 1)
[ -z "$duplicate" ] || fail "GID $duplicate appears more than once in /etc/group, so a login gets every group with it; repair the image"
duplicate=$(grep -v '^[#+-]' /etc/group | cut -d: -f1 | sort | uniq -d | head -n 1)
[ -z "$duplicate" ] || fail "group $duplicate appears more than once in /etc/group; repair the image"

has_gid() { id -G -- "$1" | tr ' ' '\n' | grep -qx -- "$2"; }
sensitive_gids=" "
for name in $sensitive; do
    g=$(getent group "$name" | cut -d: -f3)
    [ -z "$g" ] || sensitive_gids="$sensitive_gids$g "
done
present=" "
for node in $nodes; do
    [ ! -c "$node" ] || present="$present$(stat -c %g -- "$node") "
done

# 2. Decide every change; any refusal stops here, with nothing changed.
actions=
planned=" "
for node in $nodes; do
    [ -e "$node" ] || continue
    [ -c "$node" ] || fail "$node is not a character device; refusing to touch it"
    gid=$(stat -c %g -- "$node")
    mode=$(stat -c %a -- "$node")
    [ "$gid" != 0 ] || fail "$node belongs to group root; restore the vendor udev rules on the host"
    [ "$gid" != 65534 ] || fail "$node shows GID 65534 (user namespace); use --group-add keep-groups or run rootful"
    [ $(((0$mode >> 3) & 4)) -ne 0 ] || fail "$node is mode $mode: its group cannot read it; fix the host's udev rules"
    has_gid "$user" "$gid" && continue
    case $sensitive_gids in *" $gid "*) fail "GID $gid of $node is a sensitive group's GID here; not joining it; use --group-add $gid" ;; esac
    name=$(getent group "$gid" | cut -d: -f1)
    if [ -n "$name" ]; then
        case $sensitive in *" $name "*) fail "GID $gid of $node is the sensitive group '$name' here; not joining it" ;; esac
        # one plain name, as the plan's: usermod -G and PAM's group.conf read "render,sudo" as render and sudo
        case $name in [!A-Za-z_]* | *[!A-Za-z0-9_.-]*) false ;; *) [ ${#name} -le 32 ] ;; esac ||
            fail "GID $gid of $node is named '$name' here, which usermod and PAM do not read as one group name; rename it in /etc/group, or use --group-add $gid"
    else
        case ${node##*/} in renderD*) name=render ;; *) name=video ;; esac
    fi
    case $planned in
        *" $name:$gid "*) continue ;;
        *" $name:"*) fail "group $name would need two GIDs (GID $gid for $node, another for an earlier node); give the nodes one GID on the host or use --group-add $gid" ;;
    esac
    planned="$planned$name:$gid "
    old=$(getent group "$name" | cut -d: -f3)
    if [ -z "$old" ]; then
        actions="${actions}create $name $gid $node
"
    elif [ "$old" != "$gid" ]; then
        case $present in *" $old "*) fail "group $name has GID $old, which another node here needs; not renumbering it to $gid for $node; give the nodes one GID on the host or use --group-add $gid" ;; esac
        [ "$tools" = shadow ] || fail "BusyBox cannot renumber group $name (GID $old) to $gid; build the image with $name as GID $gid"
        if cut -d: -f4 /etc/passwd | grep -qx -- "$old"; then
            fail "group $name (GID $old) is a user's primary group; build the image with $name as GID $gid"
        fi
        need find || fail "find is missing, so files owned by GID $old cannot be ruled out; build the image with $name as GID $gid"
        if [ -n "$(find / -xdev -group "$old" -print 2>/dev/null | head -n 1)" ]; then
            fail "files are owned by GID $old; build the image with $name as GID $gid instead of renumbering"
        fi
        actions="${actions}renumber $name $gid $node $old
"
    fi
    actions="${actions}add $name $gid $node
"
done

# 3. Make the changes, one log line each.
while read -r kind name gid node old; do
    case $kind in
        create)
            if [ "$tools" = shadow ]; then groupadd -g "$gid" -- "$name"; else addgroup -g "$gid" "$name"; fi ||
                fail "creating group $name with GID $gid failed"
            log "created group $name with GID $gid for $node" ;;
        renumber)
            groupmod -g "$gid" -- "$name" || fail "groupmod -g $gid $name failed"
            log "renumbered group $name from GID $old to $gid for $node" ;;
        add)
            if [ "$tools" = shadow ]; then usermod -a -G "$name" -- "$user"; else addgroup "$user" "$name"; fi ||
                fail "adding $user to $name failed"
            log "added $user to $name (GID $gid) for $node" ;;
    esac
done <<EOF
$actions
EOF

[ "$run_as" != root ] || exec "$@"
uid=$(id -u -- "$run_as")
gid=$(id -g -- "$run_as")
home=$(getent passwd "$run_as" | cut -d: -f6)
export HOME="$home" USER="$run_as" LOGNAME="$run_as"
case $drop in
    setpriv) exec setpriv --reuid="$uid" --regid="$gid" --init-groups -- "$@" ;;
    su-exec) exec su-exec "$run_as" "$@" ;;
    *) exec gosu "$run_as" "$@" ;;
esac
