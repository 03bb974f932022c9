package io.refzarr.fuse;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The tree under a {@code Path} (typically the root of a {@code reference} file system) mounted
 * read-only through FUSE. {@link #close()} unmounts and waits until the mount point is free; it
 * does not close the tree's file system (close that after). Needs {@code libfuse.so.2} (Debian:
 * {@code libfuse2}), {@code /dev/fuse} and the right to mount (root, or {@code fusermount}
 * set-uid).
 *
 * <pre>{@code
 * try (FileSystem fs = ReferenceFileSystems.newFileSystem(refs, config);
 *      FuseMount mount = FuseMount.mount(fs.getPath("/"), Path.of("/mnt/refs"), System.err::println)) {
 *   mount.awaitUnmount(); // until close() or fusermount -u
 * }
 * }</pre>
 */
public final class FuseMount implements AutoCloseable {
  /** How long {@link #mount} waits for the kernel to list the mount. */
  private static final long MOUNT_WAIT_MILLIS = 20_000;

  /**
   * {@code ro}: the kernel refuses writes itself. The set never changes while mounted, so the
   * kernel may keep pages, attributes and lookups (also the failed ones) for a minute.
   */
  private static final String[] OPTIONS = {
    "-o",
    "ro,fsname=refzarr,subtype=refzarr,kernel_cache,entry_timeout=60,attr_timeout=60,negative_timeout=60"
  };

  private final ReadOnlyFuse fuse;
  private final Path mountPoint;
  private final CompletableFuture<Void> loop;
  private final AtomicBoolean closed = new AtomicBoolean();

  private FuseMount(ReadOnlyFuse fuse, Path mountPoint, CompletableFuture<Void> loop) {
    this.fuse = fuse;
    this.mountPoint = mountPoint;
    this.loop = loop;
  }

  /**
   * Mounts {@code root} at the existing, empty directory {@code mountPoint} and returns once the
   * kernel lists the mount.
   *
   * @param log receives one line per failed operation (the key and why), for stderr
   * @throws IOException if libfuse cannot be loaded, the mount point is not a free directory, or
   *     mounting fails (the message says which)
   */
  public static FuseMount mount(Path root, Path mountPoint, Consumer<String> log)
      throws IOException {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(log, "log");
    if (!Files.isDirectory(mountPoint)) {
      throw new NotDirectoryException(
          mountPoint + " (a mount point must be an existing directory)");
    }
    Path mp = mountPoint.toRealPath();
    if (MountTable.isMounted(mp)) {
      throw new FileSystemException(mp.toString(), null, "something is already mounted there");
    }
    ReadOnlyFuse fuse = load(root, log);
    CompletableFuture<Void> loop = new CompletableFuture<>();
    Thread thread = new Thread(() -> runLoop(fuse, mp, loop), "refzarr-fuse " + mp);
    thread.setDaemon(true);
    thread.start();
    awaitMounted(mp, loop);
    return new FuseMount(fuse, mp, loop);
  }

  private static ReadOnlyFuse load(Path root, Consumer<String> log) throws IOException {
    try {
      return new ReadOnlyFuse(root, log);
    } catch (LinkageError | RuntimeException e) { // jnr-ffi reports a missing library as either
      throw new IOException(
          "cannot load libfuse.so.2 (Debian: apt-get install libfuse2 fuse3): " + e, e);
    }
  }

  /** Runs libfuse's request loop on this thread until the file system is unmounted. */
  private static void runLoop(ReadOnlyFuse fuse, Path mp, CompletableFuture<Void> loop) {
    try {
      fuse.mount(mp, true, false, OPTIONS);
      loop.complete(null);
    } catch (Throwable t) {
      loop.completeExceptionally(t);
    }
  }

  private static void awaitMounted(Path mp, CompletableFuture<Void> loop) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MOUNT_WAIT_MILLIS);
    while (!MountTable.isMounted(mp)) {
      if (loop.isDone()) {
        throw new IOException(
            "mounting at "
                + mp
                + " failed (is /dev/fuse there, and may this user mount?): "
                + loop.handle((v, t) -> t == null ? "libfuse returned" : t.toString()).join());
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "the mount at " + mp + " did not appear within " + MOUNT_WAIT_MILLIS + " ms");
      }
      sleep(20);
    }
  }

  /** Where the tree is mounted (the real path of the mount point). */
  public Path mountPoint() {
    return mountPoint;
  }

  /** Blocks until the mount ends: {@link #close()}, or {@code fusermount -u} from outside. */
  public void awaitUnmount() throws InterruptedException {
    try {
      loop.get();
    } catch (ExecutionException e) {
      // the loop ended with an error: it is over all the same
    }
  }

  /**
   * Unmounts (lazily when the mount point is busy: it is detached at once and goes away with its
   * last user), waits for libfuse's loop to end and closes the files still open. Idempotent.
   */
  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (!MountTable.unmount(mountPoint)) {
        throw new IOException(
            "could not unmount " + mountPoint + "; run: fusermount -u -z " + mountPoint);
      }
      loop.get(
          3,
          TimeUnit
              .SECONDS); // milliseconds after a clean unmount; a lazy one ends with its last user
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while unmounting " + mountPoint, e);
    } catch (ExecutionException | TimeoutException e) {
      // the mount point is free (checked above); a loop that failed or lingers holds nothing of it
    } finally {
      fuse.forgetMount();
      fuse.closeFiles();
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for the mount");
    }
  }
}
