#!/usr/bin/env python3
"""Read every array of a corpus set with zarr-python from a store URL or directory and compare its values
with the corpus manifest (sha256 of canonical bytes, computed by check_refs.value_digest).

    zarr_read_check.py --corpus ../shared/corpus --set nc4_cf http://127.0.0.1:8080/
    zarr_read_check.py --corpus ../shared/corpus --set series/day_001 /mnt/refs/day_001

The store is opened as a plain group (every .zarray read by key) and, unless --no-consolidated (a mounted
set has no .zmetadata unless the set itself has one), once more consolidated (its .zmetadata).
Only arrays that kerchunk's golden set reads right ("kerchunk": "ok" in the manifest) are checked: the other
arrays are absent or wrong in the golden sets themselves. Prints one line per array and a closing line
'N passed, M failed'; exits 1 when anything failed. Used by refzarr's serve and fuse tests.
"""
import argparse
import json
import os
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--set", required=True, help="manifest name of the set, e.g. series/day_001")
    ap.add_argument("--no-consolidated", action="store_true", help="do not open it through .zmetadata")
    ap.add_argument("store", help="http(s) URL or directory of the Zarr store")
    args = ap.parse_args()

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(args.corpus)), "tools"))
    import check_refs  # the manifest's hashing, shared with the interoperability oracle
    import zarr

    with open(os.path.join(args.corpus, "golden", "manifest.json")) as f:
        arrays = json.load(f)["sets"][args.set]["arrays"]
    opened = {"group": zarr.open_group(args.store, mode="r")}
    if not args.no_consolidated:
        opened["consolidated"] = zarr.open_consolidated(args.store, mode="r")
    passed = failed = 0
    for how, group in opened.items():
        for name, expected in sorted(arrays.items()):
            if expected.get("kerchunk") != "ok":
                continue
            try:
                values = group[name][...]
                digest = check_refs.value_digest(values)
                ok = digest == expected["sha256"] and list(values.shape) == expected["shape"]
                detail = "" if ok else f" sha256 {digest} shape {list(values.shape)}"
            except Exception as e:  # noqa: BLE001
                ok, detail = False, f" {type(e).__name__}: {e}"
            print(f"{'PASS' if ok else 'FAIL'} {args.set}/{name} ({how}){detail}")
            passed += ok
            failed += not ok
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
