#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make install-files` and `make uninstall` into a scratch DESTDIR (nothing outside it is
# touched; no root needed): the binary and its setkey link, the systemd unit with its paths
# made to match PREFIX, the README it links to, /etc/default/xfrmkey kept once edited, and
# an uninstall that removes all but that file.
# Usage: Tests/cli/install.sh [path/to/xfrmkey]. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
source Tests/cli/harness.sh
xfrmkey=$(realpath "${1:-.build/debug/xfrmkey}")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
root=$scratch/root

lacks() { ! grep -q -- "$1" "$2"; }

# make_into TARGET: `make TARGET` into the scratch root with PREFIX=/usr; output in why.
make_into() {
  make -s "$1" DESTDIR="$root" PREFIX=/usr INSTALL_BIN="$xfrmkey" SETKEY_LINK=1 \
    >"$scratch/why" 2>&1
}

check "make install-files succeeds" make_into install-files
check "the binary is in sbin, executable" test -x "$root/usr/sbin/xfrmkey"
check "setkey links to it" test "$(readlink "$root/usr/sbin/setkey")" = xfrmkey

unit=$root/usr/lib/systemd/system/xfrmkey.service
cp "$unit" "$scratch/why" 2>/dev/null
check "the unit is installed where systemd looks for it" test -f "$unit"
check "the unit runs the installed binary" \
  grep -qx 'ExecStart=/usr/sbin/xfrmkey apply $XFRMKEY_OPTIONS -f /etc/xfrmkey.conf' "$unit"
check "  ... for a reload too" \
  grep -qx 'ExecReload=/usr/sbin/xfrmkey apply $XFRMKEY_OPTIONS -f /etc/xfrmkey.conf' "$unit"
check "  ... and names no /usr/local path" lacks /usr/local "$unit"
check "  ... and links the installed README" \
  grep -qx 'Documentation=file:/usr/share/doc/xfrmkey/README.md' "$unit"
check "the README is installed" cmp -s README.md "$root/usr/share/doc/xfrmkey/README.md"
check "/etc/default/xfrmkey is installed" \
  cmp -s Packaging/systemd/xfrmkey.default "$root/etc/default/xfrmkey"

echo 'XFRMKEY_OPTIONS="--scope reqid:100-199"' >"$root/etc/default/xfrmkey"
make_into install-files
check "a second install keeps an edited /etc/default/xfrmkey" \
  grep -q reqid:100-199 "$root/etc/default/xfrmkey"

check "make uninstall succeeds" make_into uninstall
find "$root" ! -type d ! -path "$root/etc/default/xfrmkey" >"$scratch/why"
check "uninstall removes the binary, the link, the unit and the README" test ! -s "$scratch/why"
check "uninstall keeps /etc/default/xfrmkey" test -f "$root/etc/default/xfrmkey"

# make finds Swift in /opt/swift when PATH lacks it, as under sudo's secure_path.
if [ -x /opt/swift/usr/bin/swift ]; then
  env -u SWIFT PATH=/usr/sbin:/usr/bin:/sbin:/bin make -s -n build >"$scratch/why" 2>&1
  check "make finds /opt/swift/usr/bin/swift without it on PATH" \
    grep -q '^/opt/swift/usr/bin/swift build' "$scratch/why"
else
  echo "SKIP make without swift on PATH: no /opt/swift"
fi

finish
