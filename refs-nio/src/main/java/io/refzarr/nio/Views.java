package io.refzarr.nio;

import io.refzarr.refs.ReferenceSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.ProviderNotFoundException;
import java.util.ServiceLoader;

/** Finds the {@link ViewProvider} of a view, and presents a view's file as {@link KeyContent}. */
final class Views {
  private Views() {}

  /**
   * The store of {@code view}, or null for {@link ReferenceView#RAW} (the file system reads the set
   * itself).
   *
   * @throws ProviderNotFoundException naming the module to add when no installed provider supports
   *     the view
   */
  static ViewStore open(ReferenceView view, ReferenceSet set, ReferenceReader reader) {
    if (view == ReferenceView.RAW) {
      return null;
    }
    for (ClassLoader loader :
        new ClassLoader[] {
          Views.class.getClassLoader(), Thread.currentThread().getContextClassLoader()
        }) {
      for (ViewProvider p : ServiceLoader.load(ViewProvider.class, loader)) {
        if (p.supports(view)) {
          return p.open(view, set, reader);
        }
      }
    }
    throw new ProviderNotFoundException(
        "view="
            + view.envName()
            + " decodes chunks with zarr-bridge: add"
            + " io.refzarr:zarr-bridge to the class path (no "
            + ViewProvider.class.getName()
            + " for it is installed)");
  }

  /** A file of a view; its bytes are read on first use, so sizing or opening it decodes nothing. */
  static KeyContent content(ViewStore store, String key) {
    return new KeyContent() {
      private volatile byte[] bytes;

      @Override
      public long size() throws IOException {
        byte[] b = bytes;
        return b != null ? b.length : store.size(key);
      }

      @Override
      public void read(long position, ByteBuffer dst) throws IOException {
        byte[] b = bytes;
        if (b == null) {
          b = store.read(key);
          bytes = b;
        }
        KeyContent.of(b).read(position, dst);
      }
    };
  }
}
