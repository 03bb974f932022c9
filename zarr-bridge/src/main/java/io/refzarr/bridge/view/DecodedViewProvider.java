package io.refzarr.bridge.view;

import io.refzarr.nio.ReferenceReader;
import io.refzarr.nio.ReferenceView;
import io.refzarr.nio.ViewProvider;
import io.refzarr.nio.ViewStore;
import io.refzarr.refs.ReferenceSet;

/**
 * Provides {@link ReferenceView#DECODED} and {@link ReferenceView#ZARR3} to the {@code reference}
 * file system (found with {@link java.util.ServiceLoader}; open a view with the env property {@code
 * view}).
 */
public final class DecodedViewProvider implements ViewProvider {
  /** For {@link java.util.ServiceLoader}. */
  public DecodedViewProvider() {}

  @Override
  public boolean supports(ReferenceView view) {
    return view == ReferenceView.DECODED || view == ReferenceView.ZARR3;
  }

  @Override
  public ViewStore open(ReferenceView view, ReferenceSet set, ReferenceReader reader) {
    DecodedStore decoded = new DecodedStore(set, reader, DecodedStore.CACHE_BYTES);
    return switch (view) {
      case DECODED -> decoded;
      case ZARR3 -> new Zarr3Store(set, decoded);
      case RAW -> throw new IllegalArgumentException("the raw view reads the set itself");
    };
  }
}
