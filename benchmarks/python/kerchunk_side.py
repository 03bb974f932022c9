#!/usr/bin/env python3
"""kerchunk's side of the whole-process table (benchmarks/whole-process/all.sh), one process per row,
as baseline.md measured it. Only run where kerchunk is installed (it is not installable on the
project's machines; all.sh then skips these rows).

    kerchunk_side.py scan FILE.h5 OUT.json|OUT.parq     SingleHdf5ToZarr(inline_threshold=0)
    kerchunk_side.py nc3 FILE.nc OUT.json               NetCDF3ToZarr
    kerchunk_side.py combine OUT.json REFS.json...      MultiZarrToZarr along time
    kerchunk_side.py scan-combine OUT.json FILE.nc...   one scan per file, then MultiZarrToZarr
    kerchunk_side.py to-parquet REFS.json OUT.parq      kerchunk.df.refs_to_dataframe
    kerchunk_side.py import                             start-up: import kerchunk's HDF5 scanner
"""
import json
import sys


def save(refs, out):
    if out.endswith((".parq", ".parquet")):
        from kerchunk.df import refs_to_dataframe

        refs_to_dataframe(refs, out)
    else:
        with open(out, "w") as f:
            json.dump(refs, f)


def scan_hdf5(path, inline_threshold=0):
    from kerchunk.hdf import SingleHdf5ToZarr

    return SingleHdf5ToZarr(path, inline_threshold=inline_threshold).translate()


def combine(inputs):
    from kerchunk.combine import MultiZarrToZarr

    return MultiZarrToZarr(
        inputs, concat_dims=["time"], identical_dims=["lat", "lon"]
    ).translate()


def main(cmd, *args):
    if cmd == "scan":
        save(scan_hdf5(args[0]), args[1])
    elif cmd == "nc3":
        from kerchunk.netCDF3 import NetCDF3ToZarr

        save(NetCDF3ToZarr(args[0]).translate(), args[1])
    elif cmd == "combine":
        save(combine(list(args[1:])), args[0])
    elif cmd == "scan-combine":
        save(combine([scan_hdf5(f, inline_threshold=500) for f in args[1:]]), args[0])
    elif cmd == "to-parquet":
        with open(args[0]) as f:
            refs = json.load(f)
        save(refs, args[1])
    elif cmd == "import":
        import kerchunk.hdf  # noqa: F401
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(*sys.argv[1:])
