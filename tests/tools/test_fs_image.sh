#!/bin/sh
# tests/tools/test_fs_image.sh: tests of `campy-tool fs-image` (build, ls,
# get), error cases included.
#
# usage: sh tests/tools/test_fs_image.sh path/to/campy-tool [results-file]
# Adds one "PASS name" or "FAIL name" line per case to the results file.

TOOL=$1
RESULTS=${2:-/dev/null}
[ -x "$TOOL" ] || { echo "FAIL fs-image tool missing: $TOOL" >> "$RESULTS"; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fs-image-test.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT INT TERM

result() { # result NAME STATUS [DETAIL]
    if [ "$2" = 0 ]; then
        echo "PASS $1"
        echo "PASS $1" >> "$RESULTS"
    else
        echo "FAIL $1${3:+: $3}"
        echo "FAIL $1" >> "$RESULTS"
    fi
}

# a source tree: nested directories, an empty file and directory, a name
# with spaces, binary data, a 200 KiB file
SRC=$WORK/src
mkdir -p "$SRC/lib/sub/deeper" "$SRC/empty dir"
printf 'print("hello")\n' > "$SRC/boot.py"
printf 'x = 1\n' > "$SRC/lib/sub/deeper/mod.py"
: > "$SRC/lib/empty.txt"
head -c 204800 /dev/urandom > "$SRC/lib/big.bin"
head -c 3333 /dev/urandom > "$SRC/lib/sub/data file.bin"
head -c 100 /dev/urandom > "$SRC/lib/sub/small.bin"
FILES="boot.py lib/sub/deeper/mod.py lib/empty.txt lib/big.bin lib/sub/data file.bin lib/sub/small.bin"

# ---- build and list
"$TOOL" fs-image build "$SRC" -o "$WORK/fs.bin" --size 2M > "$WORK/build.out" 2>&1
st=$?
size=$(wc -c < "$WORK/fs.bin" 2>/dev/null)
[ $st = 0 ] && [ "$size" = 2097152 ]
result "fs-image build makes a 2 MiB image" $? "$(cat "$WORK/build.out")"

"$TOOL" fs-image ls "$WORK/fs.bin" > "$WORK/ls.out" 2>&1
st=$?
ok=$st
grep -q '^ *204800  /lib/big\.bin$' "$WORK/ls.out" || ok=1
grep -q '^ *15  /boot\.py$' "$WORK/ls.out" || ok=1
grep -q '^ *0  /lib/empty\.txt$' "$WORK/ls.out" || ok=1
grep -q '^ *3333  /lib/sub/data file\.bin$' "$WORK/ls.out" || ok=1
grep -q '^ *-  /empty dir/$' "$WORK/ls.out" || ok=1
grep -q '^ *-  /lib/sub/deeper/$' "$WORK/ls.out" || ok=1
grep -q '^ *6  /lib/sub/deeper/mod\.py$' "$WORK/ls.out" || ok=1
[ "$(grep -c '  /' "$WORK/ls.out")" = 10 ] || ok=1
result "fs-image ls lists every entry recursively with sizes" $ok

# ---- get every file back, to a file and to stdout
ok=0
IFS_SAVE=$IFS
IFS='
'
for f in boot.py lib/sub/deeper/mod.py lib/empty.txt lib/big.bin "lib/sub/data file.bin" lib/sub/small.bin; do
    "$TOOL" fs-image get "$WORK/fs.bin" "/$f" -o "$WORK/out" || ok=1
    cmp -s "$WORK/out" "$SRC/$f" || ok=1
    "$TOOL" fs-image get "$WORK/fs.bin" "$f" > "$WORK/out2" || ok=1
    cmp -s "$WORK/out2" "$SRC/$f" || ok=1
done
IFS=$IFS_SAVE
result "fs-image get returns each file byte for byte" $ok

# ---- the same input gives the same image
"$TOOL" fs-image build "$SRC" -o "$WORK/fs2.bin" --size 2M > /dev/null 2>&1
cmp -s "$WORK/fs.bin" "$WORK/fs2.bin"
result "fs-image build is deterministic" $?

# ---- other geometries, found again by ls
ok=0
"$TOOL" fs-image build "$SRC" -o "$WORK/small.bin" --size 512K --block-size 512 > /dev/null 2>&1 || ok=1
"$TOOL" fs-image ls "$WORK/small.bin" | grep -q '204800  /lib/big.bin' || ok=1
"$TOOL" fs-image get "$WORK/small.bin" lib/big.bin -o "$WORK/out" && cmp -s "$WORK/out" "$SRC/lib/big.bin" || ok=1
mkdir "$WORK/nothing"
"$TOOL" fs-image build "$WORK/nothing" -o "$WORK/empty.bin" --size 16K > /dev/null 2>&1 || ok=1
[ "$("$TOOL" fs-image ls "$WORK/empty.bin" | grep -c '  /')" = 0 ] || ok=1
result "fs-image handles 512-byte blocks and empty trees" $ok

# ---- errors: non-zero exit and one clear line
expect_error() { # NAME PATTERN COMMAND...
    name=$1 pattern=$2
    shift 2
    "$@" > "$WORK/err.out" 2> "$WORK/err.txt"
    st=$?
    lines=$(wc -l < "$WORK/err.txt")
    if [ $st != 0 ] && [ "$lines" = 1 ] && grep -q "^campy-tool: .*$pattern" "$WORK/err.txt"; then
        result "$name" 0
    else
        result "$name" 1 "exit $st: $(cat "$WORK/err.txt")"
    fi
}
head -c 65536 /dev/urandom > "$WORK/random.bin"
head -c 8192 /dev/zero | tr '\0' '\377' > "$WORK/blank.bin"
expect_error "fs-image build of a missing directory fails clearly" \
    "no such directory" "$TOOL" fs-image build "$WORK/missing" -o "$WORK/x.bin" --size 2M
expect_error "fs-image build into a too small image fails clearly" \
    "image too small" "$TOOL" fs-image build "$SRC" -o "$WORK/x.bin" --size 64K
[ ! -e "$WORK/x.bin" ]
result "fs-image build leaves no partial image behind" $?
expect_error "fs-image build with a bad size fails clearly" \
    "bad --size" "$TOOL" fs-image build "$SRC" -o "$WORK/x.bin" --size 2Q
expect_error "fs-image build with a size not in blocks fails clearly" \
    "not a multiple" "$TOOL" fs-image build "$SRC" -o "$WORK/x.bin" --size 5000
expect_error "fs-image build of a file instead of a directory fails clearly" \
    "not a directory" "$TOOL" fs-image build "$SRC/boot.py" -o "$WORK/x.bin" --size 2M
expect_error "fs-image ls of random bytes says not a filesystem" \
    "not a filesystem image" "$TOOL" fs-image ls "$WORK/random.bin"
expect_error "fs-image ls of a blank image says not a filesystem" \
    "not a filesystem image" "$TOOL" fs-image ls "$WORK/blank.bin"
expect_error "fs-image ls of a missing file fails clearly" \
    "cannot open" "$TOOL" fs-image ls "$WORK/none.bin"
expect_error "fs-image get of a missing path fails clearly" \
    "no such file" "$TOOL" fs-image get "$WORK/fs.bin" /lib/nope.py
expect_error "fs-image get of a directory fails clearly" \
    "is a directory" "$TOOL" fs-image get "$WORK/fs.bin" /lib
expect_error "fs-image with an unknown subcommand fails clearly" \
    "unknown subcommand" "$TOOL" fs-image frobnicate
expect_error "campy-tool with an unknown command fails clearly" \
    "unknown command" "$TOOL" no-such-command
exit 0
