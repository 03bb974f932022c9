package io.refzarr.combine;

import java.util.List;
import java.util.Map;

/**
 * The first pass's view of one input: its placement, coordinate values, the facts of its arrays,
 * its group metadata, its shape (with its references when it is small), and a digest of the values
 * of each array it has of an identical dimension.
 */
record InputSummary(
    Placement placement,
    List<List<Object>> values,
    Map<String, ArrayFacts> arrays,
    Map<String, byte[]> groupMetadata,
    InputShape shape,
    Map<String, String> identical) {}
