#!/usr/bin/env python3
"""Time zarr-python reading the whole "data" array of a set: through fsspec's ReferenceFileSystem
directly, from `refzarr serve` over HTTP, or from a `refzarr mount` directory (BENCHMARKS.md).

    read_big_zarr.py fsspec /tmp/bench/big_gzip.json
    read_big_zarr.py http http://127.0.0.1:18190/
    read_big_zarr.py mount /tmp/refs
"""
import sys, time, zarr, fsspec
how, where = sys.argv[1], sys.argv[2]
if how == "fsspec":
    store = fsspec.filesystem("reference", fo=where, remote_protocol="file").get_mapper("")
    g = zarr.open_group(store, mode="r")
elif how == "http":
    g = zarr.open_consolidated(where, mode="r")
else:
    g = zarr.open_group(where, mode="r")
t = time.perf_counter()
a = g["data"][...]
dt = time.perf_counter() - t
print(f"{how}: {a.nbytes / dt / 1e6:.0f} MB/s ({dt:.2f} s, {a.nbytes} bytes, mean {a.mean():.6f})")
