#!/usr/bin/env bash
# zarr-python reading the 1 GiB shuffle+gzip array (BENCHMARKS.md "Reading from other tools") through
# fsspec's ReferenceFileSystem directly, `refzarr serve` and `refzarr mount`, raw and decoded views, in
# alternating rounds.
#   benchmarks/whole-process/readers.sh [ROUNDS]   (data: python3 ../shared/tools/make_corpus.py bench
#                                                   --out /tmp/bench --what big_gzip; needs /dev/fuse)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-2}"
bench="${BENCH:-/tmp/bench}"
refzarr="${REFZARR:-$here/refzarr}"
python="${PYTHON:-/usr/bin/python3}"
read_big="$here/benchmarks/python/read_big_zarr.py"
refs="$bench/big_gzip.json"
[[ -f "$refs" ]] || "$refzarr" scan "$bench/big_gzip.h5" -o "$refs" --inline-threshold 0 >/dev/null
cat "$bench/big_gzip.h5" >/dev/null # into the page cache
work="$(mktemp -d)"
pids=()
cleanup() {
  for m in "$work"/mnt-*; do fusermount -u "$m" 2>/dev/null || true; done
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for view in raw decoded; do
  port=$((18190 + ${#pids[@]}))
  "$refzarr" serve "$refs" --view "$view" --port "$port" >"$work/serve-$view.log" 2>&1 &
  pids+=($!)
  mkdir -p "$work/mnt-$view"
  "$refzarr" mount "$refs" "$work/mnt-$view" --view "$view" >"$work/mount-$view.log" 2>&1 &
  pids+=($!)
done
for _ in $(seq 50); do # wait until both servers answer and both mounts show the group
  ok=0
  for port in 18190 18192; do curl -sf "http://127.0.0.1:$port/.zgroup" >/dev/null && ok=$((ok + 1)); done
  for view in raw decoded; do [[ -f "$work/mnt-$view/.zgroup" ]] && ok=$((ok + 1)); done
  [[ $ok == 4 ]] && break
  sleep 0.2
done
echo "# $(date -u +%FT%TZ) $(nproc) cores, load: $(uptime | sed 's/.*load average: //')"
for r in $(seq "$rounds"); do
  echo "## round $r"
  "$python" "$read_big" fsspec "$refs"
  for view in raw decoded; do
    port=$([[ $view == raw ]] && echo 18190 || echo 18192)
    echo -n "serve ($view view) "; "$python" "$read_big" http "http://127.0.0.1:$port/"
    echo -n "mount ($view view) "; "$python" "$read_big" mount "$work/mnt-$view"
  done
done
echo "# load after: $(uptime | sed 's/.*load average: //')"
