package io.refzarr.spark;

import io.refzarr.combine.CombineInput;
import io.refzarr.combine.CombinePlanner;
import io.refzarr.scan.ErrorPolicy;
import io.refzarr.scan.InputScanException;
import io.refzarr.scan.ScanInput;
import io.refzarr.scan.ScanOptions;
import io.refzarr.scan.Scanners;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.LongAccumulator;

/**
 * The first pass on an executor: each input of a partition scanned and folded into a partial
 * layout, a batch at a time (one part per batch). A failed input fails the task under {@link
 * ErrorPolicy#FAIL}, and is recorded in the part under {@link ErrorPolicy#SKIP}.
 */
final class PartitionFold
    implements FlatMapFunction<Iterator<Map.Entry<Integer, ScanInput>>, Part> {
  private static final long serialVersionUID = 1L;
  private final SpecFactory spec;
  private final CombineJobOptions options;
  private final LongAccumulator scanned;

  PartitionFold(SpecFactory spec, CombineJobOptions options, LongAccumulator scanned) {
    this.spec = spec;
    this.options = options;
    this.scanned = scanned;
  }

  @Override
  public Iterator<Part> call(Iterator<Map.Entry<Integer, ScanInput>> inputs) throws IOException {
    ScanOptions scan = options.scan().options();
    List<Part> out = new ArrayList<>();
    try (CombinePlanner planner = new CombinePlanner(spec.builder().build())) {
      Part batch = Part.EMPTY;
      int inBatch = 0;
      while (inputs.hasNext()) {
        Map.Entry<Integer, ScanInput> e = inputs.next();
        batch = Part.merge(batch, fold(planner, e.getKey(), e.getValue(), scan));
        scanned.add(1);
        if (++inBatch == options.batchSize()) {
          out.add(batch);
          batch = Part.EMPTY;
          inBatch = 0;
        }
      }
      if (inBatch > 0) {
        out.add(batch);
      }
    }
    return out.iterator();
  }

  private Part fold(CombinePlanner planner, int index, ScanInput in, ScanOptions scan)
      throws IOException {
    try {
      CombineInput input = new CombineInput(in.url(), () -> Scanners.scan(in, scan));
      return new Part(planner.partial(index, input), List.of());
    } catch (IOException | RuntimeException e) {
      if (options.scan().errorPolicy() == ErrorPolicy.FAIL) {
        throw e instanceof IOException io
                && io.getMessage() != null
                && io.getMessage().contains(in.url())
            ? io
            : new InputScanException(in.url(), e);
      }
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      return new Part(
          CombinePlanner.Partial.empty(),
          List.of(new CombineReport.FailedInput(index, in.url(), reason)));
    }
  }
}
