#!/usr/bin/env python3
"""fsspec's side of the lazy Parquet benchmarks (BENCHMARKS.md, issue 17).

    lazy_parquet.py write REFS.json OUT.parq [--tile N] [--engine fastparquet|pyarrow]
        writes the set with fsspec's own writer (LazyReferenceMapper, record_size 100,000, what
        kerchunk's refs_to_dataframe does); --tile N repeats the chunks N times along the last axis
        (the 10M set: the 1M scan tiled 10 times, every reference readable)
    lazy_parquet.py read OUT.parq [--chunks 200] [--seed 0]
        one process: open the set lazily and read the bytes of that many random chunks of "data"
        (what `refzarr cat SET KEY...` does), written to /dev/null
    lazy_parquet.py keys OUT.parq [--chunks 200] [--seed 0]
        prints the keys `read` reads, for `refzarr cat OUT.parq $(lazy_parquet.py keys OUT.parq)`

Needs fsspec and pandas with fastparquet or pyarrow. kerchunk is not needed: its one call from
LazyReferenceMapper.write (kerchunk.df._proc_raw, for inline bytes) is supplied here.
"""
import argparse
import base64
import json
import math
import random
import sys
import types


def kerchunk_df_stub():
    """LazyReferenceMapper.write imports kerchunk.df for _proc_raw only; this is that function."""

    def _proc_raw(r):
        if not isinstance(r, bytes):
            r = r.encode()
        if r.startswith(b"base64:"):
            r = base64.b64decode(r[7:])
        return r

    df = types.ModuleType("kerchunk.df")
    df._proc_raw = _proc_raw
    pkg = types.ModuleType("kerchunk")
    pkg.df = df
    sys.modules.setdefault("kerchunk", pkg)
    sys.modules.setdefault("kerchunk.df", df)


def write(args):
    kerchunk_df_stub()
    from fsspec.implementations.reference import LazyReferenceMapper

    with open(args.refs) as f:
        refs = json.load(f)
    refs = refs.get("refs", refs)
    out = LazyReferenceMapper.create(args.out, record_size=args.record_size, engine=args.engine)
    arrays = {}
    for k, v in refs.items():
        if k.rsplit("/", 1)[-1].startswith(".z"):
            doc = json.loads(v) if isinstance(v, str) else v
            if k.endswith(".zarray"):
                arrays[k.rsplit("/", 1)[0]] = json.loads(json.dumps(doc))  # before tiling
                doc["shape"][-1] *= args.tile
            out[k] = json.dumps(doc)
    for name, meta in arrays.items():
        grid = [math.ceil(s / c) for s, c in zip(meta["shape"], meta["chunks"])]
        sep = meta.get("dimension_separator") or "."
        # C order over the tiled grid, so each record file fills and is written as it goes
        for outer in range(math.prod(grid[:-1])):
            idx = []
            rest = outer
            for n in reversed(grid[:-1]):
                idx.insert(0, rest % n)
                rest //= n
            prefix = f"{name}/" + "".join(f"{i}{sep}" for i in idx)
            for t in range(args.tile):
                for j in range(grid[-1]):
                    ref = refs.get(f"{prefix}{j}")
                    if ref is not None:
                        out[f"{prefix}{t * grid[-1] + j}"] = ref
    out.flush()


def random_keys(meta, args):
    """The same keys for a seed, whichever side asks."""
    grid = [math.ceil(s / c) for s, c in zip(meta["shape"], meta["chunks"])]
    rnd = random.Random(args.seed)
    return ["data/" + ".".join(str(rnd.randrange(n)) for n in grid) for _ in range(args.chunks)]


def keys(args):
    with open(f"{args.refs}/.zmetadata") as f:
        meta = json.load(f)["metadata"]["data/.zarray"]
    print(" ".join(random_keys(meta, args)))


def read(args):
    import fsspec

    fs = fsspec.filesystem("reference", fo=args.refs, lazy=True, remote_protocol="file")
    keys = random_keys(json.loads(fs.cat_file("data/.zarray")), args)
    total = 0
    with open("/dev/null", "wb") as sink:
        for k in keys:
            b = fs.cat_file(k)
            total += len(b)
            sink.write(b)
    print(f"{len(keys)} chunks, {total} bytes", file=sys.stderr)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write")
    w.add_argument("refs")
    w.add_argument("out")
    w.add_argument("--tile", type=int, default=1)
    w.add_argument("--record-size", type=int, default=100_000)
    w.add_argument("--engine", default="fastparquet")
    for name in ("read", "keys"):
        r = sub.add_parser(name)
        r.add_argument("refs")
        r.add_argument("--chunks", type=int, default=200)
        r.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    {"write": write, "read": read, "keys": keys}[args.cmd](args)


if __name__ == "__main__":
    main()
