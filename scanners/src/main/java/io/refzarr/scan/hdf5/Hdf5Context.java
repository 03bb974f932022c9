package io.refzarr.scan.hdf5;

import io.jhdf.storage.HdfBackingStorage;

/**
 * What every part of one scan shares.
 *
 * @param file the file as the user named it (for messages)
 * @param url the target written into references
 * @param channel the cached byte source of the file
 * @param storage jhdf's view of the same file (offset sizes, user block)
 * @param inlineThreshold chunks smaller than this are embedded
 * @param unsupportedInlineThreshold datasets smaller than this are decoded and embedded when their
 *     filters have no numcodecs equivalent
 * @param enumLabels enum datasets get {@code flag_values} and {@code flag_meanings} attributes
 */
record Hdf5Context(
    String file,
    String url,
    BlockCacheChannel channel,
    HdfBackingStorage storage,
    int inlineThreshold,
    int unsupportedInlineThreshold,
    ScanLog log,
    DimensionScales scales,
    boolean enumLabels) {}
