#!/usr/bin/env python3
"""Check refzarr's reference sets for a folder of real-world files against the HDF5 library / netCDF-C.

Run by ``scanners/tools/realworld.sh`` after it scanned IN_DIR into OUT_DIR (one ``<path>.json`` reference
set and one ``<path>.report.json`` per file, see ``RealWorldScan``)::

    python3 scanners/tools/realworld_check.py IN_DIR OUT_DIR [--quiet] [--json TOTALS.json]
    python3 scanners/tools/realworld_check.py IN_DIR OUT_DIR --write-manifest MANIFEST.tsv
    python3 scanners/tools/realworld_check.py IN_DIR OUT_DIR --manifest MANIFEST.tsv

Expected values come from reading each file directly: h5py for HDF5 and netCDF-4 files, netCDF4-python with
``set_auto_maskandscale(False)`` and ``set_auto_chartostring(False)`` for netCDF-3 files. With ``--manifest``
they come from checksums recorded earlier with ``--write-manifest`` (for machines without h5py / netCDF4).
Every array of the file (every HDF5 dataset, every netCDF-3 variable) gets one verdict:

  right     read through the references (fsspec + numcodecs, by ../shared/tools/check_refs.py's reader):
            same shape and the same values (NaN-aware; byte order, bytes vs str and enum vs base type are
            representations, not values)
  wrong     different values or shape, a reference that cannot be decoded, or missing without a reason
  left out  missing from the references and named with a reason in the scan report (the object or a group
            above it)
  unjudged  the library itself cannot read it here (no filter plugin, object references, no NumPy form)

A file is ``scanned`` or ``failed`` (the scan raised); a failed file the library cannot open either is
``refused`` (a broken file, refused as it should be). The last lines are the totals; the exit status is 1
when an array is wrong or a file the library opens failed to scan.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import sys
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CHECK_REFS = os.path.join(HERE, "..", "..", "..", "shared", "tools", "check_refs.py")


def load_check_refs(path):
    spec = importlib.util.spec_from_file_location("check_refs", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class NotJudged(Exception):
    """The library itself cannot read the array here."""


class TooLarge(NotJudged):
    """Too large to read whole here (it still must be in the references, or left out with a reason)."""


READ_LIMIT = 1 << 28  # bytes; arrays larger than this are not read whole


# ---------------------------------------------------------------------------
# canonical values: what "the same values" means
# ---------------------------------------------------------------------------

def _text(x):
    if isinstance(x, bytes):
        return x.decode("utf-8", "surrogateescape")
    if isinstance(x, np.ndarray):
        return [_text(v) for v in x.tolist()]
    return x if isinstance(x, str) else repr(x)


def canonical(arr) -> bytes:
    """A byte form of the values of ``arr`` that two equal arrays share whatever their representation."""
    a = np.asarray(arr)
    head = f"{a.shape}|".encode()
    if a.dtype.names:
        # fields by name: the order of a record's fields is a representation (h5py lists them as
        # declared, refzarr by offset), their names and values are what is read
        parts = [n.encode() + b"=" + canonical(a[n]) for n in sorted(a.dtype.names)]
        return head + b"{" + b"|".join(parts) + b"}"
    k = a.dtype.kind
    if k in "OSU":
        flat = [_text(v) for v in a.reshape(-1).tolist()]
        return head + b"T" + json.dumps(flat, ensure_ascii=False).encode("utf-8", "surrogateescape")
    if k == "V":
        return head + b"V" + a.tobytes()
    if k in "mM":
        return head + b"t" + a.view("i8").astype("<i8").tobytes()
    if k == "b":
        return head + b"b" + a.astype("u1").tobytes()
    if k in "fc":
        n = a.astype(a.dtype.newbyteorder("<")).copy()
        if k == "f":
            n[np.isnan(n)] = np.nan
        else:
            re, im = n.real.copy(), n.imag.copy()
            re[np.isnan(re)] = np.nan
            im[np.isnan(im)] = np.nan
            n = re + 1j * im
            n = n.astype(a.dtype.newbyteorder("<"))
        return head + f"{k}{a.dtype.itemsize}".encode() + n.tobytes()
    if k in "iu":
        return head + f"{k}{a.dtype.itemsize}".encode() + a.astype(a.dtype.newbyteorder("<")).tobytes()
    raise NotJudged(f"dtype {a.dtype} has no canonical form")


def digest(arr) -> str:
    return hashlib.sha256(canonical(arr)).hexdigest()


# ---------------------------------------------------------------------------
# expected arrays, straight from the file
# ---------------------------------------------------------------------------

def is_netcdf3(path):
    with open(path, "rb") as f:
        head = f.read(4)
    return head[:3] == b"CDF" and head[3:4] in (b"\x01", b"\x02", b"\x05")


def expected_arrays(path):
    """{name: digest or NotJudged}; raises if the library cannot open the file."""
    if is_netcdf3(path):
        return _netcdf3_arrays(path)
    return _hdf5_arrays(path)


def _netcdf3_arrays(path):
    import netCDF4

    out = {}
    with netCDF4.Dataset(path) as ds:
        ds.set_auto_maskandscale(False)
        ds.set_auto_chartostring(False)
        for name, v in ds.variables.items():
            try:
                if v.size * v.dtype.itemsize > READ_LIMIT:
                    out[name] = TooLarge("too large to compare here")
                    continue
                out[name] = digest(np.asarray(v[...]))
            except Exception as e:  # noqa: BLE001
                out[name] = NotJudged(f"netCDF-C cannot read it: {type(e).__name__}: {e}")
    return out


def _hdf5_arrays(path):
    import h5py

    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if not isinstance(obj, h5py.Dataset):
                return
            out[name] = _read_dataset(h5py, obj)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            f.visititems(visit)
    return out


def _read_dataset(h5py, ds):
    try:
        if ds.shape is None:
            return NotJudged("null dataspace (no array)")
        if ds.size * ds.dtype.itemsize > READ_LIMIT:
            return TooLarge(f"{ds.size * ds.dtype.itemsize} bytes, too large to compare here")
        if h5py.check_dtype(ref=ds.dtype) is not None or _has_refs(ds.dtype):
            return NotJudged("object or region references")
        return digest(np.asarray(ds[()]))
    except NotJudged as e:
        return e
    except Exception as e:  # noqa: BLE001
        return NotJudged(f"h5py cannot read it: {type(e).__name__}: {str(e)[:100]}")


def _has_refs(dt):
    if dt.names:
        return any(_has_refs(dt[n]) for n in dt.names)
    return dt.kind == "O" and dt.metadata is not None and "ref" in dt.metadata


# ---------------------------------------------------------------------------
# the references
# ---------------------------------------------------------------------------

def reason_for(name, skipped):
    """The report's reason for leaving out ``name`` (itself or a group above it), or None."""
    for s in skipped:
        obj = s["object"].strip("/")
        if obj == name or (obj and name.startswith(obj + "/")) or obj == "":
            return s["reason"]
    return None


def check_file(cr, data_path, refs_path, report, expected):
    """Per-array verdicts: [(name, verdict, detail)]."""
    verdicts = []
    fs = cr.open_refs_fs(refs_path)
    _groups, arrays = cr.list_tree(fs)
    arrays = set(arrays)
    skipped = report.get("skipped", [])
    for name in sorted(expected):
        want = expected[name]
        if name not in arrays:
            why = reason_for(name, skipped)
            if why is not None:
                verdicts.append((name, "left out", why))
            elif isinstance(want, NotJudged) and not isinstance(want, TooLarge):
                verdicts.append((name, "unjudged", f"{want} (and not in the references)"))
            else:
                verdicts.append((name, "wrong", "missing from the references without a reason"))
            continue
        if isinstance(want, NotJudged):
            verdicts.append((name, "unjudged", str(want)))
            continue
        try:
            meta = cr.ArrayMeta(name, cr._read_json(fs, name + "/.zarray"))
            got = digest(cr.read_array(fs, meta))
        except Exception as e:  # noqa: BLE001
            verdicts.append((name, "wrong", f"cannot read through the references: "
                                            f"{type(e).__name__}: {str(e)[:150]}"))
            continue
        if got == want:
            verdicts.append((name, "right", ""))
        else:
            verdicts.append((name, "wrong", "values differ from the library's"))
    return verdicts


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------

def data_files(root):
    for d, _dirs, files in os.walk(root):
        for f in files:
            if f.startswith("README") or f.endswith((".tsv", ".md", ".json", ".py")):
                continue
            yield os.path.relpath(os.path.join(d, f), root)


def read_manifest(path):
    """{file: None (library cannot open) or {array: digest or NotJudged}}."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            file, array, value = line.rstrip("\n").split("\t")
            if array == "":
                out[file] = None if value == "unopenable" else out.get(file, {})
                continue
            if value.startswith("toolarge:"):
                value = TooLarge(value[len("toolarge:"):])
            elif value.startswith("unjudged:"):
                value = NotJudged(value[len("unjudged:"):])
            out.setdefault(file, {})[array] = value
    return out


def write_manifest(path, expected_by_file):
    with open(path, "w", encoding="utf-8") as f:
        f.write("# file\tarray\tsha256 of realworld_check.canonical(values), or unjudged:REASON;"
                " an empty array column: the file opens (opens) or not (unopenable)\n")
        for file in sorted(expected_by_file):
            exp = expected_by_file[file]
            f.write(f"{file}\t\t{'unopenable' if exp is None else 'opens'}\n")
            for name in sorted(exp or {}):
                v = exp[name]
                if isinstance(v, NotJudged):
                    tag = "toolarge" if isinstance(v, TooLarge) else "unjudged"
                    v = f"{tag}:{v}".replace("\t", " ").replace("\n", " ")
                f.write(f"{file}\t{name}\t{v}\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--check-refs", default=DEFAULT_CHECK_REFS, help="path of check_refs.py")
    ap.add_argument("--quiet", action="store_true", help="per-file lines only for files with problems")
    ap.add_argument("--json", help="write the totals and per-file verdicts to this JSON file")
    ap.add_argument("--manifest", help="expected values from this manifest instead of h5py/netCDF4")
    ap.add_argument("--write-manifest", help="record the expected values (h5py/netCDF4) in this manifest")
    args = ap.parse_args(argv)
    cr = load_check_refs(args.check_refs)
    manifest = read_manifest(args.manifest) if args.manifest else None
    recorded = {}
    totals = dict(files=0, scanned=0, failed=0, refused=0, right=0, wrong=0, left_out=0, unjudged=0)
    per_file = {}
    for rel in sorted(data_files(args.data_dir)):
        data = os.path.join(args.data_dir, rel)
        rep_path = os.path.join(args.out_dir, rel + ".report.json")
        if not os.path.exists(rep_path):
            continue
        with open(rep_path, encoding="utf-8") as f:
            report = json.load(f)
        totals["files"] += 1
        if manifest is not None:
            if rel not in manifest:
                print(f"?? {rel}: not in the manifest", file=sys.stderr)
                continue
            expected, opens = manifest[rel], manifest[rel] is not None
        else:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    expected, opens = expected_arrays(data), True
            except Exception:  # noqa: BLE001
                expected, opens = None, False
            recorded[rel] = expected
        entry = {"status": report["status"], "arrays": {}}
        per_file[rel] = entry
        if report["status"] != "scanned":
            key = "failed" if opens else "refused"
            totals[key] += 1
            entry["status"] = key
            print(f"{'FAILED ' if opens else 'refused'} {rel}: {report.get('error')}")
            continue
        totals["scanned"] += 1
        if not opens:
            print(f"scanned {rel}: (the library cannot open it; nothing to compare)")
            continue
        verdicts = check_file(cr, data, os.path.join(args.out_dir, rel + ".json"), report, expected)
        counts = {"right": 0, "wrong": 0, "left out": 0, "unjudged": 0}
        for name, verdict, detail in verdicts:
            counts[verdict] += 1
            entry["arrays"][name] = [verdict, detail]
        for k, v in counts.items():
            totals[k.replace(" ", "_")] += v
        bad = counts["wrong"] > 0
        if bad or not args.quiet:
            print(f"{'WRONG  ' if bad else 'ok     '} {rel}: {counts['right']} right, {counts['wrong']} wrong,"
                  f" {counts['left out']} left out, {counts['unjudged']} unjudged")
            for name, verdict, detail in verdicts:
                if verdict != "right" and (verdict == "wrong" or not args.quiet):
                    print(f"    {verdict:8} {name}: {detail}")
    if args.write_manifest:
        write_manifest(args.write_manifest, recorded)
    t = totals
    judged = t["right"] + t["wrong"] + t["left_out"]
    print(f"files: {t['files']} ({t['scanned']} scanned, {t['failed']} failed, {t['refused']} refused as broken"
          f" [the library cannot open them either])")
    print(f"arrays: {t['right']} right, {t['wrong']} wrong, {t['left_out']} left out with a reason,"
          f" {t['unjudged']} unjudged; right {100.0 * t['right'] / max(judged, 1):.1f} % of judged")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"totals": t, "files": per_file}, f, indent=1, sort_keys=True)
    return 1 if t["wrong"] or t["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
