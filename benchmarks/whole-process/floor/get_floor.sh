#!/usr/bin/env bash
# The C floor of `refzarr get` for an uncompressed array (get_floor.c), timed beside refzarr and `cat`.
# usage: get_floor.sh REFS.json ARRAY REFZARR [RUNS]   (needs gcc and python3 with numpy; the array
# uncompressed, C order, in one source file)
# Prints "label wall cpu rss_mb" per run and checks that the floor's .npy equals refzarr's.
set -euo pipefail
refs="$1" array="$2" refzarr="$3" runs="${4:-5}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
gcc -O2 -pthread -o "$work/get_floor" "$here/get_floor.c"
python3 - "$refs" "$array" "$work" <<'PY'
import json, sys, numpy as np, numpy.lib.format as fmt, io
refs_path, array, work = sys.argv[1:4]
refs = json.load(open(refs_path)); refs = refs.get("refs", refs)
meta = json.loads(refs[f"{array}/.zarray"])
assert meta["compressor"] is None and not meta["filters"] and meta["order"] == "C", "raw C-order arrays only"
dtype = np.dtype(meta["dtype"])
sources = set()
with open(f"{work}/chunks.txt", "w") as out:
    out.write(f'{len(meta["shape"])} {dtype.itemsize}\n{" ".join(map(str, meta["shape"]))}\n{" ".join(map(str, meta["chunks"]))}\n')
    for key, value in refs.items():
        name = key[len(array) + 1:]
        if key.startswith(array + "/") and not name.startswith("."):
            url, offset, length = value
            sources.add(url)
            out.write(" ".join(name.split(meta.get("dimension_separator", "."))) + f" {offset} {length}\n")
assert len(sources) == 1, "one source file"
header = io.BytesIO(); fmt.write_array_header_1_0(header, fmt.header_data_from_array_1_0(np.empty(0, dtype)) | {"shape": tuple(meta["shape"])})
open(f"{work}/header", "wb").write(header.getvalue())
open(f"{work}/source", "w").write(sources.pop())
PY
source="$(cat "$work/source")"
cat "$source" > /dev/null
measure() { # label command...
  local label="$1"; shift
  rm -f "$work/x.npy"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null
  read -r wall user sys rss < "$work/time"
  echo "$label $wall $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}') $((rss / 1024))"
}
for i in $(seq "$runs"); do
  measure cat-to-devnull cat "$source"
  for how in read mapped; do
    measure "c-floor-$how" sh -c '"$1" "$2" "$3" "$4" 2 "$5" < "$6"' sh "$work/get_floor" "$source" "$work/header" \
      "$work/x.npy" "$how" "$work/chunks.txt"
  done
  measure refzarr "$refzarr" get "$refs" "$array" -o "$work/x.npy"
  measure cat-to-file sh -c 'cat "$1" > "$2"' sh "$source" "$work/x.npy"
done
"$refzarr" get "$refs" "$array" -o "$work/x.npy"
for how in read mapped; do
  "$work/get_floor" "$source" "$work/header" "$work/floor.npy" 2 "$how" < "$work/chunks.txt"
  cmp "$work/floor.npy" "$work/x.npy" && echo "# the floor's .npy ($how) equals refzarr's" >&2
done
