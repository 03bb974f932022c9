package io.refzarr.scan;

import java.io.Serializable;
import java.util.List;

/**
 * What a scan did: how many references it made, what it left out and why, and what it cost.
 *
 * @param references references emitted (metadata keys included)
 * @param skipped objects left out under {@link ErrorPolicy#SKIP}, each with the reason
 * @param notes things worth knowing that lost nothing (for example decoded and inlined small
 *     datasets)
 * @param requests read requests made to the byte source
 * @param bytesRead bytes read from the byte source
 */
public record ScanReport(
    long references, List<Skipped> skipped, List<String> notes, long requests, long bytesRead)
    implements Serializable {

  public ScanReport {
    skipped = List.copyOf(skipped);
    notes = List.copyOf(notes);
  }

  /** An object left out of the references. */
  public record Skipped(String object, String reason) implements Serializable {}
}
