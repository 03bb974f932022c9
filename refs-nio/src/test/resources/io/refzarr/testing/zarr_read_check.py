#!/usr/bin/env python3
"""Read every array of a corpus set with zarr-python (and xarray) from a store URL or directory and compare
its values with the corpus manifest (sha256 of canonical bytes, computed by check_refs.value_digest).

    zarr_read_check.py --corpus ../shared/corpus --check-refs ../shared/tools/check_refs.py \
        --set nc4_cf http://127.0.0.1:8080/
    zarr_read_check.py --corpus ../shared/corpus --check-refs ../shared/tools/check_refs.py \
        --set series/day_001 --no-consolidated /mnt/refs

The store is opened as a plain group (every .zarray read by key); unless --no-consolidated (a mounted set
has no .zmetadata unless the set itself has one) once more consolidated (its .zmetadata); and, where
xarray is installed and the manifest says xarray opens the set, with xarray.open_zarr (decode_cf=False, so
the raw values compare; root arrays only). Only arrays that kerchunk's golden set reads right ("kerchunk":
"ok" in the manifest) are checked: the others are absent or wrong in the golden sets themselves. Prints one
line per array and a closing line 'N passed, M failed'; exits 1 when anything failed. Used by refzarr's
serve and fuse tests.
"""
import argparse
import json
import os
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--check-refs", required=True, help="path of check_refs.py (the manifest's hashing)")
    ap.add_argument("--set", required=True, help="manifest name of the set, e.g. series/day_001")
    ap.add_argument("--no-consolidated", action="store_true", help="do not open it through .zmetadata")
    ap.add_argument("store", help="http(s) URL or directory of the Zarr store")
    args = ap.parse_args()

    sys.path.insert(0, os.path.dirname(os.path.abspath(args.check_refs)))
    import check_refs  # the manifest's hashing, shared with the interoperability oracle
    import zarr

    with open(os.path.join(args.corpus, "golden", "manifest.json")) as f:
        entry = json.load(f)["sets"][args.set]
    arrays = {n: a for n, a in sorted(entry["arrays"].items()) if a.get("kerchunk") == "ok"}
    readers = {"group": lambda: zarr.open_group(args.store, mode="r")}
    if not args.no_consolidated:
        readers["consolidated"] = lambda: zarr.open_consolidated(args.store, mode="r")
    try:
        import xarray
    except ImportError:
        xarray = None
    if xarray is not None and entry.get("xarray_open") == "ok":
        readers["xarray"] = lambda: xarray.open_zarr(
            args.store, consolidated=not args.no_consolidated, decode_cf=False)

    passed = failed = 0
    for how, open_store in readers.items():
        store = open_store()
        for name, expected in arrays.items():
            if how == "xarray" and "/" in name:
                continue  # xarray opens the root group only
            try:
                values = store[name].values if how == "xarray" else store[name][...]
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
