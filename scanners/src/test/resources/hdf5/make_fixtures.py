"""Makes the HDF5 fixtures of refzarr's HDF5 scanner tests (deterministic; h5py >= 3, numpy).

    python3 make_fixtures.py   # writes the .h5 files next to this script

layouts_v4.h5 (libver v110..v114: object header v2, layout message v4; HDF5 2.0's "latest" writes layout version 5, which jhdf 0.13 does not read) holds one dataset per chunk index
type, a Fletcher-32 checksum after deflate, a chunk stored with its deflate filter skipped (filter mask 1)
and a compact dataset; userblock.h5 has a 1024-byte user block before the superblock. <file>.chunks.json
lists every chunk as the HDF5 library reports it (file offset, stored size, filter mask) for the tests.
external.h5 keeps its dataset in external.bin (External Data Files), which cannot be referenced; types.h5
has references, array types, a labelled enum and complex numbers; plugins.h5 has Blosc and Zstandard
datasets (chunks compressed by numcodecs), one with a chunk that skipped its filter; huge.h5 has absurd,
never-written shapes; virtual.h5 has a virtual dataset.
"""
import json
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def _untimed(create):
    return lambda *a, **k: create(*a, track_times=False, **k)


def values(shape, dtype):
    n = int(np.prod(shape))
    return (np.arange(n, dtype=np.int64) * 7 % 1000).astype(dtype).reshape(shape)


def layouts_v4(path, libver=("v110", "v114")):
    # no timestamps (track_times=False), so the same h5py writes the same bytes
    with h5py.File(path, "w", libver=libver, track_order=False) as f:
        f.create_dataset = _untimed(f.create_dataset)
        # single chunk index: chunks == shape (filtered and not)
        f.create_dataset("single_gzip", data=values((20, 30), "<f4"), chunks=(20, 30), compression="gzip")
        f.create_dataset("single_raw", data=values((20, 30), "<i4"), chunks=(20, 30))
        # fixed array: fixed max shape, several chunks
        f.create_dataset("fixed_array", data=values((40, 50), "<i2"), chunks=(10, 25), compression="gzip",
                         shuffle=True)
        # extensible array: one unlimited dimension
        f.create_dataset("extensible_array", data=values((30, 8), "<f8"), chunks=(7, 8), maxshape=(None, 8))
        # version-2 B-tree: more than one unlimited dimension
        f.create_dataset("btree_v2", data=values((12, 14), ">u4"), chunks=(5, 5), maxshape=(None, None),
                         compression="gzip")
        # implicit index: early allocation, no filter, fixed max shape
        space = h5py.h5s.create_simple((16, 16))
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_chunk((4, 8))
        dcpl.set_obj_track_times(False)
        dcpl.set_alloc_time(h5py.h5d.ALLOC_TIME_EARLY)
        dsid = h5py.h5d.create(f.id, b"implicit", h5py.h5t.NATIVE_INT16, space, dcpl=dcpl)
        ds = h5py.Dataset(dsid)
        ds[...] = values((16, 16), "<i2")
        # Fletcher-32 after deflate: the checksum is the last 4 bytes of each stored chunk
        f.create_dataset("gzip_fletcher", data=values((64,), "<f8"), chunks=(16,), compression="gzip",
                         fletcher32=True)
        # one chunk stored with deflate skipped (filter mask bit 0 set), the others compressed
        masked = f.create_dataset("masked_chunk", shape=(4, 10), dtype="<i4", chunks=(2, 10),
                                  compression="gzip")
        masked[0:2] = values((2, 10), "<i4")
        raw = (values((2, 10), "<i4") + 1000).tobytes()
        masked.id.write_direct_chunk((2, 0), raw, filter_mask=1)
        # compact layout, over the inline threshold
        dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
        dcpl.set_layout(h5py.h5d.COMPACT)
        dcpl.set_obj_track_times(False)
        dsid = h5py.h5d.create(f.id, b"compact", h5py.h5t.NATIVE_DOUBLE, h5py.h5s.create_simple((90,)),
                               dcpl=dcpl)
        h5py.Dataset(dsid)[...] = values((90,), "<f8")


def chunk_table(path):
    """Every chunk as the HDF5 library lists it: {dataset: {"0.1": [file offset, stored size, mask]}}."""
    table = {}
    with h5py.File(path, "r") as f:
        for name, ds in f.items():
            if ds.chunks is None:
                continue
            refs = {}
            for i in range(ds.id.get_num_chunks()):
                info = ds.id.get_chunk_info(i)
                key = ".".join(str(o // c) for o, c in zip(info.chunk_offset, ds.chunks))
                refs[key] = [info.byte_offset, info.size, info.filter_mask]
            table[name] = refs
    with open(path + ".chunks.json", "w") as out:
        json.dump(table, out, indent=1, sort_keys=True)


def userblock(path):
    with h5py.File(path, "w", userblock_size=1024, libver="earliest") as f:
        f.create_dataset = _untimed(f.create_dataset)
        f.create_dataset("data", data=values((50, 40), "<f4"), chunks=(25, 20), compression="gzip")
        f.create_dataset("contiguous", data=values((100,), "<i8"))


def layout_v5(path):
    """The same datasets with libver="latest": HDF5 2.0 writes some layout messages as version 5, which
    jhdf 0.13 does not read."""
    layouts_v4(path, "latest")


def external(path):
    """A dataset whose data lives in another file (External Data Files message): not referenceable. In
    group g, next to a plain dataset, so only g is lost when jhdf cannot list it; kept is the root's."""
    with h5py.File(path, "w", libver="earliest") as f:
        ds = f.create_group("g").create_dataset("ext", shape=(10,), dtype="<i4",
                                                external=[("external.bin", 0, 40)], track_times=False)
        ds[...] = np.arange(10, dtype="<i4")
        f["g"].create_dataset("plain", data=np.arange(3, dtype="<i4"), track_times=False)
        f.create_dataset("kept", data=np.arange(5, dtype="<i4"), track_times=False)


def types(path):
    """Datatypes outside the corpus: object references and array types (not referenceable), an enum with
    labels other than FALSE/TRUE (its base integers), complex numbers (h5py's {r, i} compound); compound and
    2-D attributes on the root."""
    with h5py.File(path, "w", libver="earliest") as f:
        f.create_dataset("plain", data=np.arange(4, dtype="<i4"), track_times=False)
        refs = f.create_dataset("refs", shape=(2,), dtype=h5py.ref_dtype, track_times=False)
        refs[0] = f["plain"].ref
        colours = h5py.enum_dtype({"RED": 0, "GREEN": 1, "BLUE": 42}, basetype="i2")
        f.create_dataset("enum_i2", data=np.array([0, 1, 42], dtype="<i2"), dtype=colours, track_times=False)
        f.create_dataset("arr", shape=(3,), dtype=np.dtype(("<i4", (2,))), track_times=False)
        f.create_dataset("c8", data=np.arange(3, dtype="<c8") * (1 + 2j), track_times=False)
        record = [("a", "<i4"), ("b", "<f8")]
        f.attrs["record"] = np.array((1, 2.5), dtype=record)
        f.attrs["records"] = np.array([(1, 2.5), (3, 4.5)], dtype=record)
        f.attrs["matrix"] = np.arange(4, dtype="<i8").reshape(2, 2)


def plugins(path):
    """Blosc and Zstandard datasets without the HDF5 plugins: the filters are set as optional and the chunks
    written pre-compressed by numcodecs; zstd_masked has one chunk stored raw (filter mask 1)."""
    import numcodecs

    data = np.arange(40 * 30, dtype="<f4").reshape(40, 30) * 0.5
    with h5py.File(path, "w", libver="earliest") as f:
        for name, fid, cd, codec, raw_rows in [
                ("zstd", 32015, (5,), numcodecs.Zstd(level=5), ()),
                ("blosc", 32001, (2, 2, 4, 20 * 30 * 4, 5, 1, 1),
                 numcodecs.Blosc(cname="lz4", clevel=5, shuffle=1), ()),
                ("zstd_masked", 32015, (5,), numcodecs.Zstd(level=5), (1,))]:
            dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
            dcpl.set_chunk((20, 30))
            dcpl.set_obj_track_times(False)
            dcpl.set_filter(fid, h5py.h5z.FLAG_OPTIONAL, cd)
            dsid = h5py.h5d.create(f.id, name.encode(), h5py.h5t.IEEE_F32LE, h5py.h5s.create_simple((40, 30)),
                                   dcpl=dcpl)
            for i in range(2):
                block = np.ascontiguousarray(data[i * 20:(i + 1) * 20])
                if i in raw_rows:
                    dsid.write_direct_chunk((i * 20, 0), block.tobytes(), filter_mask=1)
                else:
                    dsid.write_direct_chunk((i * 20, 0), codec.encode(block))


def huge(path):
    """Absurd shapes (2**40 x 2**40, one-element chunks) that were never written: no chunk to list."""
    with h5py.File(path, "w", libver=("v110", "v114")) as f:
        f.create_dataset("huge", shape=(2 ** 40, 2 ** 40), chunks=(1, 1), dtype="<f4", track_times=False)
        f.create_dataset("huge_ext", shape=(2 ** 40, 10), maxshape=(None, 10), chunks=(1, 10), dtype="<f4",
                         track_times=False)
        f.create_dataset("huge_contiguous", shape=(2 ** 50,), dtype="<i8", track_times=False)


def virtual(path):
    """A virtual dataset (VDS) in group g, over a plain dataset of the same file: not referenceable."""
    with h5py.File(path, "w", libver=("v110", "v114")) as f:
        f.create_dataset("src", data=np.arange(10, dtype="<i4"), track_times=False)
        layout = h5py.VirtualLayout(shape=(10,), dtype="<i4")
        layout[:] = h5py.VirtualSource(f["src"])
        f.create_group("g").create_virtual_dataset("virtual", layout, fillvalue=-1)


if __name__ == "__main__":
    layouts_v4(os.path.join(HERE, "layouts_v4.h5"))
    userblock(os.path.join(HERE, "userblock.h5"))
    layout_v5(os.path.join(HERE, "layout_v5.h5"))
    types(os.path.join(HERE, "types.h5"))
    plugins(os.path.join(HERE, "plugins.h5"))
    huge(os.path.join(HERE, "huge.h5"))
    virtual(os.path.join(HERE, "virtual.h5"))
    chunk_table(os.path.join(HERE, "plugins.h5"))
    os.chdir(HERE)  # the external file is named relative to the working directory
    external("external.h5")
    for name in ("layouts_v4.h5", "userblock.h5"):
        chunk_table(os.path.join(HERE, name))
