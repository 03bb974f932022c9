#!/usr/bin/env bash
# The whole-process table of issue 17 (BENCHMARKS.md, "Whole process"): every row as users run it, refzarr
# alternating with the Python tools where they are installed, medians of wall s, CPU s (user + sys) and
# peak RSS MB (medians.py). Makes its own data with ../shared/tools/make_corpus.py (deterministic; kept in
# BENCH between runs).
#   benchmarks/whole-process/all.sh [--small] [--only GROUP,...] [RUNS]   (after `mvn package`; RUNS: 5)
# --small leaves out what needs GBs (the 1 GiB arrays, the 600 MB netCDF3 file, 1,000 daily files, the
# 10^6-chunk file) and builds the lazy Parquet and JSON -> Parquet rows from the 102,400-chunk scan instead.
# --only runs (and makes the data of) some row groups: get, scan, combine, nc3, convert, scan-combine,
# start-up, lazy (open a 10x tiled scan lazily and read 200 random chunks, on refzarr's and fsspec's files).
# Environment: BENCH (data, default /tmp/refzarr-bench), OUT (outputs, default /tmp/refzarr-all), REFZARR
# (launcher, default the distribution mvn package made), PYTHON (python with fsspec, pandas, fastparquet and,
# where installable, kerchunk; default python3), ZARR_PYTHON (python with zarr-python; default
# /usr/bin/python3), TOOLS (default ../shared/tools).
# Python rows: zarr-python for `get`, fsspec for the lazy Parquet rows and JSON -> Parquet (fsspec's own
# writer, kerchunk's refs_to_dataframe when kerchunk is there), kerchunk for scans and combines (skipped
# where kerchunk is not installed: it is not installable on the project's machines).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
small=0
only=""
while [[ "${1:-}" == --* ]]; do
  case "$1" in
    --small) small=1; shift ;;
    --only) only="$2"; shift 2 ;;
    *) echo "all.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
runs="${1:-5}"
want() { [[ -z "$only" || ",$only," == *",$1,"* ]]; }
bench="${BENCH:-/tmp/refzarr-bench}"
out="${OUT:-/tmp/refzarr-all}"
tools="${TOOLS:-$here/../shared/tools}"
python="${PYTHON:-python3}"
zpython="${ZARR_PYTHON:-/usr/bin/python3}"
pyside="$here/benchmarks/python"
dist=("$here"/cli/target/refzarr-*/bin/refzarr)
rz="${REFZARR:-${dist[-1]}}"
[[ -x "$rz" ]] || { echo "all.sh: no launcher at $rz (run mvn package first)" >&2; exit 1; }
[[ -f "$tools/make_corpus.py" ]] || { echo "all.sh: no make_corpus.py in $tools" >&2; exit 1; }
mkdir -p "$bench" "$out"
cd "$out"

has() { "$1" -c "import $2" >/dev/null 2>&1; }
kerchunk=0; has "$python" kerchunk && kerchunk=1
fsspec=0; has "$python" "fsspec, pandas, fastparquet" && fsspec=1
zarr=0; has "$zpython" "zarr, fsspec" && zarr=1
echo "# python sides: kerchunk=$kerchunk fsspec=$fsspec zarr-python=$zarr" >&2

# ---- data (untimed)
if ((small)); then src=many_chunks; size=102k; else src=many_chunks_1m; size=1m; fi
days=365
((small)) || days=1000
need=()
{ want scan || want lazy || want convert; } && [[ ! -f "$bench/$src.h5" ]] && need+=("$src")
{ want scan && ((!small)); } && [[ ! -f "$bench/many_chunks.h5" ]] && need+=(many_chunks)
if ((!small)) && want get; then
  [[ -f "$bench/big_raw.h5" ]] || need+=(big)
  [[ -f "$bench/big_gzip.h5" ]] || need+=(big_gzip)
fi
{ ((!small)) && want nc3; } && [[ ! -f "$bench/nc3_big.nc" ]] && need+=(nc3_big)
{ want combine || want scan-combine || want scan; } && [[ ! -f "$bench/daily/day_$(printf %04d $((days - 1))).nc" ]] &&
  need+=("daily$days")
if ((${#need[@]})); then
  echo "# making $(IFS=,; echo "${need[*]}") in $bench" >&2
  python3 "$tools/make_corpus.py" bench --out "$bench" --what "$(IFS=,; echo "${need[*]}")" >&2
fi
if want scan && [[ ! -f "$bench/many_chunks_10k.h5" ]]; then # 10,000 chunks: the same generator, 1000x1000
  python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import make_corpus as m
m.bench_many_chunks(sys.argv[2], n_side=1000)' "$tools" "$bench/many_chunks_10k.h5"
fi
daily=()
if want combine || want scan-combine; then
  daily=("$bench"/daily/day_*.nc)
  daily=("${daily[@]:0:$days}")
fi
if want combine && [[ ! -f refs/daily/.done-$days ]]; then
  "$rz" scan --output-dir refs/daily "${daily[@]}" >/dev/null
  touch "refs/daily/.done-$days"
fi
inputs() { find refs/daily -name '*.json' | sort | head -n "$1"; } # the first N daily sets (named after their paths)
if { want lazy || want convert; } && [[ ! -f "refs/scan-$size.json" ]]; then
  "$rz" scan "$bench/$src.h5" --inline-threshold 0 -o "refs/scan-$size.json" >/dev/null
fi
if ((!small)) && want get; then
  for f in big_raw big_gzip; do
    [[ -f "refs/$f.json" ]] || "$rz" scan "$bench/$f.h5" --inline-threshold 0 -o "refs/$f.json" >/dev/null
  done
fi
# lazy Parquet: the scan tiled 10 times along its last axis by fsspec's writer (as kerchunk's
# refs_to_dataframe would write it), and the same references rewritten by refzarr
lazy=0
if want lazy && ((fsspec)); then
  tiled="refs/tiled-$size"
  [[ -f "$tiled-fsspec.parq/.zmetadata" ]] ||
    "$python" "$pyside/lazy_parquet.py" write "refs/scan-$size.json" "$tiled-fsspec.parq" --tile 10
  [[ -f "$tiled-refzarr.parq/.zmetadata" ]] ||
    "$rz" convert "$tiled-fsspec.parq" -o "$tiled-refzarr.parq" >/dev/null
  read -r -a keys <<< "$(python3 "$pyside/lazy_parquet.py" keys "$tiled-refzarr.parq")"
  lazy=1
  echo "# lazy sets: $(du -sb "$tiled-fsspec.parq" "$tiled-refzarr.parq" | tr '\n\t' '  ')" >&2
fi
cat > zget.py <<'PY'
import sys, fsspec, zarr, numpy as np
refs, array, out = sys.argv[1:4]
fs = fsspec.filesystem("reference", fo=refs)
np.save(out, zarr.open_array(fs.get_mapper(""), path=array, mode="r")[...])
PY

# ---- timed rows
measure() { # label command...: one line "label wall cpu rss"
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o time.txt "$@" >/dev/null 2>>stderr.log
  read -r wall user sys rss < time.txt
  echo "$label $wall $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}') $((rss / 1024))"
}
py() { # flag label command...: measured when the flag (a Python side being installed) is 1
  local flag="$1"; shift
  if ((flag)); then measure "$@"; fi
}
ks="$pyside/kerchunk_side.py"
combine_opts=(--concat-dim time --identical-dim lat --identical-dim lon)
one_run() {
  if ((!small)) && want get; then
    cat "$bench/big_raw.h5" > /dev/null
    measure "get-raw:cat-file" cat "$bench/big_raw.h5"
    # writing 1 GiB to a new file is the floor for an output (outputs are removed untimed first:
    # replacing a file frees its pages, which costs as much again)
    rm -f x.npy
    measure "get-raw:cat-to-file" sh -c 'cat "$1" > x.npy' sh "$bench/big_raw.h5"
    for f in big_raw big_gzip; do
      rm -f x.npy
      measure "get-$f:refzarr" "$rz" get "refs/$f.json" data -o x.npy
      rm -f x.npy
      py "$zarr" "get-$f:zarr-python" "$zpython" zget.py "refs/$f.json" data x.npy
    done
    rm -f x.npy
  fi
  if want scan; then
    for f in many_chunks_10k many_chunks $( ((small)) || echo many_chunks_1m); do
      measure "scan-$f:refzarr" "$rz" scan "$bench/$f.h5" --inline-threshold 0 -o s.json
      py "$kerchunk" "scan-$f:kerchunk" "$python" "$ks" scan "$bench/$f.h5" s.json
    done
    small_nc4="$bench/daily/day_0000.nc"
    measure "scan-one-small-nc4:refzarr" "$rz" scan "$small_nc4" --inline-threshold 0 -o s.json
    py "$kerchunk" "scan-one-small-nc4:kerchunk" "$python" "$ks" scan "$small_nc4" s.json
    if ((!small)); then
      measure "scan-1m-parquet:refzarr" "$rz" scan "$bench/many_chunks_1m.h5" --inline-threshold 0 -o s.parq
      py "$kerchunk" "scan-1m-parquet:kerchunk" "$python" "$ks" scan "$bench/many_chunks_1m.h5" s.parq
    fi
  fi
  if want combine; then
    for n in 100 365 $( ((small)) || echo 1000); do
      mapfile -t sets < <(inputs "$n")
      measure "combine-$n:refzarr" "$rz" combine "${sets[@]}" "${combine_opts[@]}" -o c.json
      py "$kerchunk" "combine-$n:kerchunk" "$python" "$ks" combine c.json "${sets[@]}"
    done
  fi
  if ((!small)) && want nc3; then
    measure "scan-nc3-600mb:refzarr" "$rz" scan "$bench/nc3_big.nc" -o n.json
    py "$kerchunk" "scan-nc3-600mb:kerchunk" "$python" "$ks" nc3 "$bench/nc3_big.nc" n.json
  fi
  if want convert; then
    measure "json-to-parquet-$size:refzarr" "$rz" convert "refs/scan-$size.json" -o p.parq
    if ((kerchunk)); then
      measure "json-to-parquet-$size:kerchunk" "$python" "$ks" to-parquet "refs/scan-$size.json" p.parq
    elif ((fsspec)); then
      measure "json-to-parquet-$size:fsspec" "$python" "$pyside/lazy_parquet.py" write "refs/scan-$size.json" p.parq
    fi
  fi
  if want scan-combine; then
    measure "scan-combine-365:refzarr" "$rz" scan-combine "${daily[@]:0:365}" "${combine_opts[@]}" -o sc.json
    py "$kerchunk" "scan-combine-365:kerchunk" "$python" "$ks" scan-combine sc.json "${daily[@]:0:365}"
  fi
  if want start-up; then
    measure "start-up:refzarr" "$rz" --version
    if ((kerchunk)); then
      measure "start-up:kerchunk" "$python" "$ks" import
    elif ((zarr)); then
      measure "start-up:zarr-python" "$zpython" -c "import zarr, fsspec"
    fi
  fi
  if ((lazy)); then
    for w in refzarr fsspec; do
      measure "lazy-$size-x10-$w-files:refzarr" "$rz" cat "$tiled-$w.parq" "${keys[@]}"
      measure "lazy-$size-x10-$w-files:fsspec" "$python" "$pyside/lazy_parquet.py" read "$tiled-$w.parq"
    done
  fi
}
"$rz" --version >/dev/null # makes the launcher's class-data archive if this place has none
echo "# $(date -u +%FT%TZ) $(nproc) cores, load: $(uptime | sed 's/.*load average: //'); $rz; runs: $runs"
for i in $(seq "$runs"); do
  one_run
done | tee runs.txt
echo "# medians; load after: $(uptime | sed 's/.*load average: //')"
python3 "$here/benchmarks/whole-process/medians.py" < runs.txt
