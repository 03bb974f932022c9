"""Writes the generated files of testdata/external/ (deterministic for the same library versions).

    python3 make_generated.py      # h5py, netCDF4-python, numpy

userblock_32k.h5     an HDF5 file after a 32 KiB user block (h5py userblock_size=32768): the signature is
                     past the 8 KiB head that Scanners.detect reads at once
cdf5_netcdf4py.nc    CDF-5 (netCDF4-python format="NETCDF3_64BIT_DATA", netCDF-C underneath): 64-bit and
                     unsigned types, a record dimension, char data, attributes, a variable never written
cdf5_records.nc      CDF-5 with several record variables of odd sizes (record padding) and a scalar
regionref_group_attrs.h5
                     two groups below the root, one with a version-1 object header (symbol table), one with
                     a version-2 header (track_order=True: link messages), each holding an attribute of
                     region references (jhdf 0.13 cannot decode either header whole), another attribute
                     and a dataset
"""
import os

import h5py
import netCDF4
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def userblock(path):
    with h5py.File(path, "w", userblock_size=32768, libver="earliest") as f:
        f.create_dataset("contiguous", data=np.arange(24, dtype="<f8").reshape(4, 6), track_times=False)
        f.create_dataset("chunked", data=np.arange(100, dtype=">i4"), chunks=(16,), compression="gzip",
                         track_times=False)
        f.attrs["title"] = "after a 32 KiB user block"
    with open(path, "r+b") as f:
        f.write(b"refzarr test user block".ljust(64, b"\0"))


def cdf5(path):
    with netCDF4.Dataset(path, "w", format="NETCDF3_64BIT_DATA") as ds:
        ds.title = "CDF-5 from netCDF4-python"
        ds.createDimension("time", None)
        ds.createDimension("x", 5)
        ds.createDimension("strlen", 4)
        t = ds.createVariable("time", "f8", ("time",))
        t.units = "days since 2000-01-01"
        t[:] = np.arange(3, dtype="f8")
        big = ds.createVariable("big", "i8", ("time", "x"))
        big[:] = (np.arange(15, dtype="i8") * 10**12).reshape(3, 5)
        u = ds.createVariable("u32", "u4", ("x",))
        u[:] = np.array([0, 1, 2**31, 2**32 - 2, 7], dtype="u4")
        u8 = ds.createVariable("u8", "u8", ("x",))
        u8[:] = np.array([0, 1, 2**63, 2**64 - 2, 9], dtype="u8")
        b = ds.createVariable("ub", "u1", ("time",))
        b[:] = np.array([0, 200, 255], dtype="u1")
        s = ds.createVariable("us", "u2", ("x",))
        s.valid_max = np.uint16(65000)
        s[:] = np.array([1, 2, 3, 60000, 5], dtype="u2")
        c = ds.createVariable("names", "S1", ("x", "strlen"))
        c.set_auto_chartostring(False)
        c[:] = np.array([list(w.ljust(4, "\0")) for w in ["ab", "cdef", "g", "", "hij"]], dtype="S1")
        ds.createVariable("never_written", "f4", ("x",))


def cdf5_records(path):
    with netCDF4.Dataset(path, "w", format="NETCDF3_64BIT_DATA") as ds:
        ds.createDimension("rec", None)
        ds.createDimension("n", 3)
        a = ds.createVariable("a", "i1", ("rec", "n"))
        b = ds.createVariable("b", "i2", ("rec",))
        c = ds.createVariable("c", "f4", ("rec", "n"))
        sc = ds.createVariable("scalar", "i8", ())
        for r in range(4):
            a[r] = np.array([r, -r, 7], dtype="i1")
            b[r] = r * 1000
            c[r] = np.array([r / 3, np.nan, -r], dtype="f4")
        sc.assignValue(-(2**40))


def regionref_group_attrs(path):
    with h5py.File(path, "w", libver="earliest") as f:
        f.attrs["title"] = "groups whose headers hold region references"
        for name, ordered in (("g_v1", False), ("g_v2", True)):
            g = f.create_group(name, track_order=ordered)
            d = g.create_dataset("d", data=np.arange(5, dtype="<i2") + (10 if ordered else 0),
                                 track_times=False)
            g.attrs["kept"] = np.int32(7)
            g.attrs["region"] = d.regionref[1:3]
            g.attrs["after"] = "text"


if __name__ == "__main__":
    userblock(os.path.join(HERE, "userblock_32k.h5"))
    cdf5(os.path.join(HERE, "cdf5_netcdf4py.nc"))
    cdf5_records(os.path.join(HERE, "cdf5_records.nc"))
    regionref_group_attrs(os.path.join(HERE, "regionref_group_attrs.h5"))
