#!/usr/bin/env bash
# Real-world conformance harness: scan every HDF5 / netCDF file under a folder and check every array.
#
#   scanners/tools/realworld.sh [IN_DIR [OUT_DIR]]      (defaults: ../shared/external, target/realworld)
#
# 1. Scans every file under IN_DIR in one JVM (io.refzarr.scan.realworld.RealWorldScan, as
#    `refzarr scan FILE -o OUT.json --error-policy skip` would), writing OUT_DIR/<path>.json and .report.json.
# 2. Runs realworld_check.py: every array read through the references (fsspec + numcodecs, by
#    ../shared/tools/check_refs.py's reader) against h5py (HDF5 / netCDF-4) or netCDF4-python with
#    set_auto_maskandscale(False) (netCDF-3), NaN-aware; prints per-file lines and the totals
#    (files scanned/failed, arrays right / wrong / left out with a reason / not judged).
# Needs python3 with numpy, fsspec, numcodecs, h5py, netCDF4 (`python3 -m pip install h5py netCDF4`).
# CHECK_ONLY=1 skips the scan (checks OUT_DIR as it is). Extra arguments after OUT_DIR go to the checker (e.g. --quiet, --json totals.json).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
in="${1:-$repo/../shared/external}"
out="${2:-$repo/scanners/target/realworld}"
shift $(( $# > 2 ? 2 : $# )) || true
(cd "$repo" && mvn -o -B -q test-compile -pl scanners -am >&2)
cpfile="$repo/scanners/target/realworld.classpath"
if [[ ! -s "$cpfile" ]] || [[ "$repo/scanners/pom.xml" -nt "$cpfile" ]]; then
  (cd "$repo" && mvn -o -B -q dependency:build-classpath -pl scanners -Dmdep.includeScope=test \
     -Dmdep.outputFile="$cpfile" >&2)
fi
cp="$repo/scanners/target/test-classes:$repo/scanners/target/classes:$repo/refs-nio/target/classes"
cp="$cp:$repo/refs-nio/target/test-classes:$(cat "$cpfile")"
if [[ -n "${CHECK_ONLY:-}" ]]; then  # CHECK_ONLY=1: check the reference sets already in OUT_DIR
  exec python3 "$here/realworld_check.py" "$in" "$out" "$@"
fi
rm -rf "$out" && mkdir -p "$out"
java -cp "$cp" io.refzarr.scan.realworld.RealWorldScan "$in" "$out" >&2
exec python3 "$here/realworld_check.py" "$in" "$out" "$@"
