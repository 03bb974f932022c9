package io.refzarr.combine;

import io.refzarr.internal.concurrent.Futures;
import io.refzarr.refs.Reference;
import io.refzarr.refs.ReferenceSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The combine: a first pass folds inputs, batch by batch and concurrently, into {@link Layout}s
 * that are merged pairwise (a tree reduction); the {@link Plan} fixes the output; a second pass
 * rewrites inputs in coordinate order, a batch at a time (the next batch is read while the current
 * one is written), and streams their references to the sink. Memory: the output's metadata plus two
 * batches of inputs.
 */
final class TwoPassCombine {
  private final CombineSpec spec;
  private final InputOpener opener;
  private final Executor executor;

  TwoPassCombine(CombineSpec spec, InputOpener opener, Executor executor) {
    this.spec = spec;
    this.opener = opener;
    this.executor = executor;
  }

  void run(List<CombineInput> inputs, ReferenceSink sink) throws IOException {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("nothing to combine: no inputs");
    }
    write(firstPass(inputs), inputs, sink);
  }

  /**
   * The plan of the first pass's {@code layout}, then its metadata and the second pass into {@code
   * sink}; inputs the layout does not retain are read again from {@code inputs}.
   */
  void write(Layout layout, List<CombineInput> inputs, ReferenceSink sink) throws IOException {
    Plan plan = Plan.of(layout, spec);
    ReferenceSink out = new PostprocessingSink(sink, spec.postprocess());
    for (Map.Entry<String, byte[]> e : plan.metadata().entrySet()) {
      out.put(e.getKey(), new Reference.Inline(e.getValue()));
    }
    secondPass(inputs, plan, out);
  }

  /** Folds one batch of inputs into a layout: a pure function of the batch. */
  Layout foldBatch(List<CombineInput> inputs, int from, int to) throws IOException {
    CoordinateCollector collector = new CoordinateCollector(spec);
    Layout layout = new Layout(spec.realConcatDims());
    for (int i = from; i < to; i++) {
      layout.add(opener.with(i, inputs.get(i), collector::summarize));
    }
    return layout;
  }

  private Layout firstPass(List<CombineInput> inputs) throws IOException {
    List<CompletableFuture<Layout>> level = new ArrayList<>();
    int total = inputs.size();
    AtomicInteger done = new AtomicInteger();
    for (int from = 0; from < total; from += spec.batchSize()) {
      int f = from;
      int t = Math.min(total, from + spec.batchSize());
      level.add(
          Futures.supplyAsync(
              () -> {
                Layout l = foldBatch(inputs, f, t);
                spec.progress()
                    .progress(ProgressListener.Phase.COORDINATES, done.addAndGet(t - f), total);
                return l;
              },
              executor));
    }
    List<CompletableFuture<Layout>> batches = List.copyOf(level);
    while (level.size() > 1) {
      List<CompletableFuture<Layout>> next = new ArrayList<>();
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(level.get(i).thenCombine(level.get(i + 1), TwoPassCombine::merge));
      }
      if (level.size() % 2 == 1) {
        next.add(level.get(level.size() - 1));
      }
      level = next;
    }
    Futures.getAll(batches); // the first failure cancels the batches not started
    return Futures.get(level.get(0));
  }

  private static Layout merge(Layout a, Layout b) {
    try {
      return a.merge(b);
    } catch (CombineException e) {
      throw new CompletionException(e);
    }
  }

  private void secondPass(List<CombineInput> inputs, Plan plan, ReferenceSink out)
      throws IOException {
    KeyRewriter rewriter = new KeyRewriter(plan, spec);
    List<Placement> order = plan.placements();
    List<CompletableFuture<List<Entry>>> pending = submit(inputs, plan, 0, rewriter);
    try {
      for (int from = 0; from < order.size(); from += spec.batchSize()) {
        List<CompletableFuture<List<Entry>>> current = pending;
        pending = submit(inputs, plan, from + spec.batchSize(), rewriter);
        for (List<Entry> entries : Futures.getAll(current)) {
          for (Entry e : entries) {
            out.put(e.key(), e.ref());
          }
        }
        spec.progress()
            .progress(
                ProgressListener.Phase.REFERENCES,
                Math.min(order.size(), from + spec.batchSize()),
                order.size());
      }
    } catch (IOException | RuntimeException | Error e) {
      Futures.cancelAll(pending); // the next batch, already submitted
      throw e;
    }
  }

  private List<CompletableFuture<List<Entry>>> submit(
      List<CombineInput> inputs, Plan plan, int from, KeyRewriter rewriter) {
    List<Placement> order = plan.placements();
    List<CompletableFuture<List<Entry>>> out = new ArrayList<>();
    for (int i = from; i < Math.min(order.size(), from + spec.batchSize()); i++) {
      Placement p = order.get(i);
      InputShape kept = plan.retained(p.index());
      out.add(
          Futures.supplyAsync(
              () ->
                  kept != null
                      ? rewriter.rewrite(kept, p, kept.retained().iterator(), opener.bytes())
                      : opener.with(
                          p.index(),
                          inputs.get(p.index()),
                          in ->
                              rewriter.rewrite(
                                  InputShape.of(in, spec, InputShape.RETAIN_NONE),
                                  p,
                                  InputShape.entries(in),
                                  in.bytes())),
              executor));
    }
    return out;
  }
}
