package io.refzarr.combine;

import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.ReferenceSink;
import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The combine's passes as separate steps, for an engine that spreads the first pass over machines
 * (the {@code spark} module): {@link #partial} folds one input into a {@link Partial}, {@link
 * #merge} merges two (associative and commutative, so any tree over any partitioning gives the same
 * result), and {@link #write} plans the output from the whole and writes it. It is the code {@link
 * Combiner} runs on one machine, so both write identical references.
 *
 * <p>A partial carries the input's references (those that can reach the output, small chunks
 * already inlined as the second pass would), so the machine that writes never reads an input again;
 * what travels is about the size of the output.
 *
 * <pre>{@code
 * try (CombinePlanner planner = new CombinePlanner(spec)) {
 *   CombinePlanner.Partial whole = CombinePlanner.Partial.empty();
 *   for (int i = 0; i < inputs.size(); i++) {
 *     whole = CombinePlanner.merge(whole, planner.partial(i, inputs.get(i)));
 *   }
 *   planner.write(whole, sink);
 * }
 * }</pre>
 */
public final class CombinePlanner implements Closeable {
  private final CombineSpec spec;
  private final ReferenceReader bytes;
  private final InputOpener opener;

  /** A planner reading coordinates and small chunks through the spec's targets configuration. */
  public CombinePlanner(CombineSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.bytes = ReferenceReader.create(spec.targets());
    this.opener = new InputOpener(spec, bytes, new BridgeChunkDecoder());
  }

  /**
   * The first pass over one input.
   *
   * @param index the input's position in the whole list (it orders inputs that tie on coordinates
   *     and name)
   * @throws CombineException naming the input if it cannot be read or its coordinates are unusable
   */
  public Partial partial(int index, CombineInput input) throws IOException {
    CoordinateCollector collector = new CoordinateCollector(spec, InputShape.RETAIN_ALL);
    InputSummary s = opener.with(index, input, in -> inlined(collector.summarize(in)));
    return new Partial(new Layout(spec.realConcatDims()).add(s));
  }

  private InputSummary inlined(InputSummary s) throws IOException {
    InputShape shape = s.shape();
    List<Entry> kept = new ArrayList<>(shape.retained().size());
    for (Entry e : shape.retained()) {
      kept.add(
          new Entry(e.key(), KeyRewriter.inlined(bytes, e.key(), e.ref(), spec.inlineThreshold())));
    }
    return new InputSummary(
        s.placement(),
        s.values(),
        s.arrays(),
        s.groupMetadata(),
        new InputShape(
            shape.index(), shape.name(), shape.roles(), shape.arrays(), shape.dims(), kept),
        s.identical());
  }

  /**
   * Merges two partials; may reuse {@code a} (never an {@link Partial#empty() empty} one), so
   * neither should be used again.
   *
   * @throws CombineException if the inputs of the two disagree (shapes, chunks, coordinate kinds)
   */
  public static Partial merge(Partial a, Partial b) throws CombineException {
    if (a.layout == null) {
      return b;
    }
    if (b.layout == null) {
      return a;
    }
    return new Partial(a.layout.merge(b.layout));
  }

  /**
   * Plans the output from the merge of every input's partial and writes its metadata and references
   * to {@code sink} (which the caller closes), reporting {@link ProgressListener.Phase#REFERENCES}
   * progress.
   */
  public void write(Partial whole, ReferenceSink sink) throws IOException {
    if (whole.layout == null) {
      throw new IllegalArgumentException("nothing to combine: no inputs");
    }
    new TwoPassCombine(spec, opener, Runnable::run).write(whole.layout, List.of(), sink);
  }

  @Override
  public void close() throws IOException {
    bytes.close();
  }

  /**
   * The first pass's result over some inputs: their coordinates, placements, array facts and
   * references. Serializable, to travel between machines.
   */
  public static final class Partial implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Partial EMPTY = new Partial(null);
    private final Layout layout;

    private Partial(Layout layout) {
      this.layout = layout;
    }

    /** The partial of no inputs: the identity of {@link #merge}. */
    public static Partial empty() {
      return EMPTY;
    }

    /** How many inputs this partial holds. */
    public int inputs() {
      return layout == null ? 0 : layout.placements().size();
    }
  }
}
