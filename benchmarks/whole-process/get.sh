#!/usr/bin/env bash
# Whole-process `refzarr get` of the 1 GiB arrays to .npy against zarr-python reading the same references
# through fsspec, in alternating runs; prints one line per run and the medians (wall seconds, peak RSS MB).
#   benchmarks/whole-process/get.sh [RUNS]     (data: python3 ../shared/tools/make_corpus.py bench
#                                              --out /tmp/bench --what big,big_gzip; REFZARR=bin/refzarr
#                                              to time an installed distribution)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-5}"
bench="${BENCH:-/tmp/bench}"
refzarr="${REFZARR:-$here/refzarr}"
python="${PYTHON:-/usr/bin/python3}"
out="${OUT:-/tmp/refzarr-get-bench}"
mkdir -p "$out"
for f in big_raw big_gzip; do
  [[ -f "$bench/$f.json" ]] || "$refzarr" scan "$bench/$f.h5" -o "$bench/$f.json" --inline-threshold 0 >/dev/null
done
cat > "$out/zget.py" <<'PY'
import sys, fsspec, zarr, numpy as np
refs, array, out = sys.argv[1:4]
fs = fsspec.filesystem("reference", fo=refs)
np.save(out, zarr.open_array(fs.get_mapper(""), path=array, mode="r")[...])
PY
measure() { # label command...: wall seconds and peak RSS MB of one run
  local label="$1"; shift
  rm -f "$out/x.npy"
  /usr/bin/time -f "%e %U %S %M" -o "$out/time" "$@" >/dev/null
  read -r wall user sys rss < "$out/time"
  echo "$label $wall $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}') $((rss / 1024))"
}
cat "$bench/big_raw.h5" "$bench/big_gzip.h5" > /dev/null  # into the page cache
echo "# $(date -u +%FT%TZ) $(nproc) cores, load: $(uptime | sed 's/.*load average: //')"
{
  for i in $(seq "$runs"); do
    measure cat-raw-to-devnull cat "$bench/big_raw.h5"
    measure cat-raw-to-file bash -c "cat '$bench/big_raw.h5' > '$out/x.npy'"
    for f in big_raw big_gzip; do
      measure "refzarr-$f" "$refzarr" get "$bench/$f.json" data -o "$out/x.npy"
      measure "zarr-python-$f" "$python" "$out/zget.py" "$bench/$f.json" data "$out/x.npy"
    done
  done
} | tee "$out/runs.txt"
echo "# medians; load after: $(uptime | sed 's/.*load average: //')"
python3 "$here/benchmarks/whole-process/medians.py" < "$out/runs.txt"
