#!/usr/bin/env bash
# Installs the Debian packages campy's build and tests use, when missing:
# a C compiler for 64- and 32-bit (gcc, gcc-multilib), clang (libFuzzer),
# make, python3 (test runners, build-time generators), valgrind, and
# python3-serial (pyserial, for the board's interop tests with standard tools).
set -eu
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in gcc gcc-multilib clang make python3 valgrind python3-serial; do
    have_pkg "$p" || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "setup: missing packages: ${need[*]} (run as root, or: sudo apt-get install ${need[*]})" >&2
    exit 1
fi
echo "setup: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${need[@]}" >/dev/null
