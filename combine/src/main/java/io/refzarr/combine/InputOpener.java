package io.refzarr.combine;

import io.refzarr.nio.ReferenceReader;
import io.refzarr.refs.ReferenceSet;
import java.io.IOException;
import java.util.List;

/** Opens an input, preprocesses it, and runs a step on it, closing it afterwards. */
final class InputOpener {
  private final CombineSpec spec;
  private final ReferenceReader bytes;
  private final ChunkDecoder decoder;

  InputOpener(CombineSpec spec, ReferenceReader bytes, ChunkDecoder decoder) {
    this.spec = spec;
    this.bytes = bytes;
    this.decoder = decoder;
  }

  ReferenceReader bytes() {
    return bytes;
  }

  /** A step over an open input. */
  @FunctionalInterface
  interface Step<T> {
    T apply(InputContext in) throws IOException;
  }

  <T> T with(int index, CombineInput input, Step<T> step) throws IOException {
    try (ReferenceSet raw = input.opener().open()) {
      ReferenceSet set = spec.preprocess().apply(raw);
      return step.apply(new InputContext(index, input.name(), set, spec, bytes, decoder));
    } catch (CombineException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new CombineException(
          CombineException.Reason.UNREADABLE,
          List.of(input.name()),
          "cannot read the input: " + e.getMessage(),
          e);
    }
  }
}
