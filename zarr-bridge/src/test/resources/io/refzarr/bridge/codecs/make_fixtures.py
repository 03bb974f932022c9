"""Makes the codec fixtures of zarr-bridge's CodecFixturesTest with Python numcodecs.

Run from this directory:  python3 make_fixtures.py
Writes inputs/*.bin (the decoded bytes), encoded/*.bin (what numcodecs made of them) and index.json
(one entry per frame: codec configs in numcodecs form, input name). Deterministic: fixed data, no
randomness without a seed; Blosc is single-threaded.
"""
import json
import os

import numcodecs
import numpy as np
from numcodecs import (LZ4, Blosc, Delta, FixedScaleOffset, Fletcher32, GZip,
                       Shuffle, Zlib, Zstd)

numcodecs.blosc.set_nthreads(1)
rng = np.random.default_rng(20261124)

NOISE_1K = rng.integers(0, 256, 1000, dtype="u1")
INPUTS = {
    # float32: a repeating ramp, a run of zeros, a little noise
    "f4_smooth": np.concatenate([
        (np.arange(3000) % 256).astype("f4") * 0.25,
        np.zeros(968, "f4"),
        rng.normal(size=128).astype("f4"),
    ]),
    # bytes: a noise block repeated more than 8191 bytes later (blosclz far matches), runs between
    "u1_far": np.concatenate([NOISE_1K, (np.arange(9000) % 251).astype("u1"), np.zeros(700, "u1"), NOISE_1K]),
    # int16 with an odd element count (bitshuffle leftovers)
    "i2_odd": (np.arange(3001, dtype="i2") % 97 - 40).astype("i2"),
    # float64 ramp
    "f8_ramp": np.linspace(-5, 5, 500, dtype="f8"),
    # incompressible bytes
    "u1_noise": rng.integers(0, 256, 3000, dtype="u1"),
    # big-endian int32 counter (delta)
    "i4_counter": np.cumsum(rng.integers(0, 5, 2500)).astype("<i4"),
}

FRAMES = []


def add(name, inp, compressor=None, filters=()):
    FRAMES.append((name, inp, compressor, list(filters)))


for cname in ["blosclz", "lz4", "lz4hc", "zlib", "zstd"]:
    for shuffle in [Blosc.NOSHUFFLE, Blosc.SHUFFLE, Blosc.BITSHUFFLE]:
        add(f"blosc_{cname}_s{shuffle}_f4", "f4_smooth", Blosc(cname, 5, shuffle))
    add(f"blosc_{cname}_bitshuffle_i2", "i2_odd", Blosc(cname, 5, Blosc.BITSHUFFLE))
    add(f"blosc_{cname}_small_blocks_f8", "f8_ramp", Blosc(cname, 9, Blosc.SHUFFLE, blocksize=768))
add("blosc_clevel0_copy", "i2_odd", Blosc("lz4", 0, Blosc.SHUFFLE))
add("blosc_blosclz_noise", "u1_noise", Blosc("blosclz", 9, Blosc.NOSHUFFLE))
for cname in ["blosclz", "lz4", "zstd"]:
    add(f"blosc_{cname}_far_u1", "u1_far", Blosc(cname, 9, Blosc.NOSHUFFLE))
add("blosc_blosclz_level1_f4", "f4_smooth", Blosc("blosclz", 1, Blosc.SHUFFLE))
add("blosc_blosclz_level9_i2", "i2_odd", Blosc("blosclz", 9, Blosc.SHUFFLE))
add("zlib", "f8_ramp", None, [Zlib(5)])
add("gzip", "f8_ramp", GZip(5))
add("zstd", "f4_smooth", Zstd(3))
add("lz4", "f4_smooth", LZ4(1))
add("shuffle_zlib", "f4_smooth", Zlib(1), [Shuffle(4)])
add("delta_i4", "i4_counter", Zlib(1), [Delta("<i4")])
add("delta_i4_as_i1", "i4_counter", None, [Delta("<i4", astype="<i1")])
add("fixedscaleoffset_f8_i2", "f8_ramp", None, [FixedScaleOffset(offset=0, scale=100, dtype="<f8", astype="<i2")])
add("fletcher32", "i2_odd", None, [Fletcher32()])
add("fletcher32_shuffle_zlib", "f8_ramp", Zlib(3), [Shuffle(8), Fletcher32()])


def main():
    os.makedirs("inputs", exist_ok=True)
    os.makedirs("encoded", exist_ok=True)
    for name, arr in INPUTS.items():
        with open(f"inputs/{name}.bin", "wb") as f:
            f.write(arr.tobytes())
    index = []
    for name, inp, compressor, filters in FRAMES:
        data = INPUTS[inp]
        buf = data
        for flt in filters:
            buf = flt.encode(buf)
        if compressor is not None:
            buf = compressor.encode(buf)
        with open(f"encoded/{name}.bin", "wb") as f:
            f.write(bytes(buf))
        # what a decoder must give: numcodecs' own decoding (lossy filters decode to other values)
        dec = bytes(buf)
        if compressor is not None:
            dec = compressor.decode(dec)
        for flt in reversed(filters):
            dec = flt.decode(dec)
        expected = np.frombuffer(bytes(np.ascontiguousarray(dec)), dtype=data.dtype).tobytes()
        exp_name = inp
        if expected != data.tobytes():
            exp_name = f"{name}.expected"
            with open(f"inputs/{exp_name}.bin", "wb") as f:
                f.write(expected)
        index.append({
            "name": name,
            "expected": exp_name,
            "compressor": compressor.get_config() if compressor is not None else None,
            "filters": [flt.get_config() for flt in filters],
        })
    with open("index.json", "w") as f:
        json.dump({"numcodecs": numcodecs.__version__, "frames": index}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
