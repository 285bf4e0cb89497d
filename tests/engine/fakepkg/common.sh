# shellcheck shell=sh
# Helpers shared by the fake package managers of the sl-builder test image
# (see tests/engine/README.md). Sourced by /usr/bin/{apt-get,dnf,zypper,apk,pip}.
# Everything they write is deterministic (no timestamps, no random names), so an
# original and a fixed Containerfile can be compared byte for byte.

set -f  # package arguments are names, never globs
umask 022

FAKEPKG_TOOL=${0##*/}
FAKEPKG_VERSION=1.0

# fakepkg_die STATUS MESSAGE...
fakepkg_die() {
	_status=$1
	shift
	printf '%s\n' "$*" >&2
	exit "$_status"
}

# fakepkg_name SPEC: the package name without version, arch or extras
# (ripgrep=13.0-1, ripgrep>=13, ripgrep~13, ripgrep:amd64, ripgrep[extra]).
fakepkg_name() {
	_n=$1
	for _c in '=' '<' '>' '~' '!' ';' ':' '[' '@' ' '; do
		_n=${_n%%"$_c"*}
	done
	printf '%s' "$_n"
}

# fakepkg_root DIR: an install root without its trailing slash ("/" becomes "").
fakepkg_root() {
	_r=$1
	while [ "${_r%/}" != "$_r" ]; do _r=${_r%/}; done
	printf '%s' "$_r"
}

# fakepkg_write FILE TEXT: create FILE (and its directory) holding TEXT and a newline.
fakepkg_write() {
	mkdir -p "${1%/*}" || exit 1
	printf '%s\n' "$2" >"$1" || exit 1
}

# fakepkg_install ROOT NAME DOCS: the package's own files. DOCS=0 skips /usr/share/doc.
fakepkg_install() {
	fakepkg_write "$1/usr/bin/$2" "#!/bin/sh
echo $2"
	chmod 755 "$1/usr/bin/$2" || exit 1
	if [ "$3" != 0 ]; then
		fakepkg_write "$1/usr/share/doc/$2/copyright" \
			"Fake package $2 $FAKEPKG_VERSION, installed by $FAKEPKG_TOOL."
	fi
	echo "Installing: $2-$FAKEPKG_VERSION ... done"
}

# fakepkg_uninstall ROOT NAME
fakepkg_uninstall() {
	rm -rf "$1/usr/bin/$2" "$1/usr/share/doc/$2"
	echo "Removing: $2 ... done"
}

# fakepkg_empty DIR...: remove everything inside each DIR, keep the DIR.
fakepkg_empty() {
	set +f
	for _d in "$@"; do
		[ -d "$_d" ] && rm -rf "$_d"/* "$_d"/.[!.]* "$_d"/..?*
	done
	set -f
}
