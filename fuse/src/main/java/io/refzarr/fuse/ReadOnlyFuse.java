package io.refzarr.fuse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;
import jnr.ffi.Pointer;
import ru.serce.jnrfuse.ErrorCodes;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.Statvfs;
import ru.serce.jnrfuse.struct.Timespec;

/**
 * The FUSE operations over a {@code Path} tree: getattr, readdir, open, read and release; every
 * operation that would change something answers {@code EROFS} (the mount is also {@code ro}, so the
 * kernel refuses most writes before they get here). Each callback turns exceptions into an errno: a
 * missing path is {@code ENOENT}, anything else {@code EIO} with a log line naming the key.
 */
final class ReadOnlyFuse extends FuseStubFS {
  private static final int O_ACCMODE = 3;
  private static final int O_RDONLY = 0;
  private static final int W_OK = 2;
  private static final int DIR_MODE = FileStat.S_IFDIR | 0555;
  private static final int FILE_MODE = FileStat.S_IFREG | 0444;

  private final Path root;
  private final Consumer<String> log;
  private final OpenFiles files = new OpenFiles();

  ReadOnlyFuse(Path root, Consumer<String> log) {
    this.root = root;
    this.log = log;
  }

  /**
   * Tells jnr-fuse the mount is gone, so its own shutdown hook does not try to unmount it again.
   */
  void forgetMount() {
    mounted.set(false);
  }

  /** Closes every channel still open. */
  void closeFiles() {
    files.close();
  }

  @Override
  public int getattr(String path, FileStat stat) {
    return call(
        "getattr",
        path,
        () -> {
          BasicFileAttributes a = Files.readAttributes(resolve(path), BasicFileAttributes.class);
          stat.st_mode.set(a.isDirectory() ? DIR_MODE : FILE_MODE);
          stat.st_nlink.set(a.isDirectory() ? 2 : 1);
          stat.st_size.set(a.isDirectory() ? 0 : a.size());
          stat.st_blksize.set(4096);
          stat.st_blocks.set((a.size() + 511) / 512);
          stat.st_uid.set(getContext().uid.get());
          stat.st_gid.set(getContext().gid.get());
          stat.st_mtim.tv_sec.set(a.lastModifiedTime().toMillis() / 1000);
          return 0;
        });
  }

  @Override
  public int readdir(String path, Pointer buf, FuseFillDir filler, long offset, FuseFileInfo fi) {
    return call(
        "readdir",
        path,
        () -> {
          Path dir = resolve(path);
          if (!Files.isDirectory(dir)) {
            throw Files.exists(dir)
                ? new NotDirectoryException(path)
                : new NoSuchFileException(path);
          }
          filler.apply(buf, ".", null, 0);
          filler.apply(buf, "..", null, 0);
          try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
              if (filler.apply(buf, child.getFileName().toString(), null, 0) != 0) {
                break; // with offsets of 0 libfuse gathers the whole listing: non-zero means it ran
                // out of memory
              }
            }
          }
          return 0;
        });
  }

  @Override
  public int open(String path, FuseFileInfo fi) {
    if ((fi.flags.get() & O_ACCMODE) != O_RDONLY) {
      return -ErrorCodes.EROFS();
    }
    return call(
        "open",
        path,
        () -> {
          Path file = resolve(path);
          if (Files.isDirectory(file)) {
            return -ErrorCodes.EISDIR();
          }
          fi.fh.set(files.open(file));
          return 0;
        });
  }

  @Override
  public int read(String path, Pointer buf, long size, long offset, FuseFileInfo fi) {
    return call(
        "read",
        path,
        () -> {
          ByteBuffer dst = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE));
          int n = files.read(fi.fh.get(), dst, offset);
          buf.put(0, dst.array(), 0, n);
          return n;
        });
  }

  @Override
  public int release(String path, FuseFileInfo fi) {
    return call(
        "release",
        path,
        () -> {
          files.close(fi.fh.get());
          return 0;
        });
  }

  @Override
  public int access(String path, int mask) {
    if ((mask & W_OK) != 0) {
      return -ErrorCodes.EROFS();
    }
    return call(
        "access",
        path,
        () -> {
          Files.readAttributes(resolve(path), BasicFileAttributes.class);
          return 0;
        });
  }

  @Override
  public int statfs(String path, Statvfs stbuf) {
    stbuf.f_bsize.set(4096);
    stbuf.f_frsize.set(4096);
    stbuf.f_namemax.set(255);
    return 0;
  }

  private Path resolve(String fusePath) {
    String key = fusePath.startsWith("/") ? fusePath.substring(1) : fusePath;
    return key.isEmpty() ? root : root.resolve(key);
  }

  /** One FUSE callback: its result, or the errno of what it threw. */
  private int call(String operation, String path, Operation op) {
    try {
      return op.run();
    } catch (NoSuchFileException e) {
      return -ErrorCodes.ENOENT();
    } catch (NotDirectoryException e) {
      return -ErrorCodes.ENOTDIR();
    } catch (IOException | RuntimeException e) {
      String key = path.startsWith("/") ? path.substring(1) : path;
      log.accept(operation + " " + path + ": EIO: key " + key + ": " + e.getMessage());
      return -ErrorCodes.EIO();
    }
  }

  @FunctionalInterface
  private interface Operation {
    int run() throws IOException;
  }

  // ---- everything that writes: read-only ----

  @Override
  public int mknod(String path, long mode, long rdev) {
    return -ErrorCodes.EROFS();
  }

  @Override
  public int mkdir(String path, long mode) {
    return -ErrorCodes.EROFS();
  }

  @Override
  public int unlink(String path) {
    return -ErrorCodes.EROFS();
  }

  @Override
  public int rmdir(String path) {
    return -ErrorCodes.EROFS();
  }

  @Override
  public int symlink(String oldpath, String newpath) {
    return -ErrorCodes.EROFS();
  }

  @Override
  public int rename(String oldpath, String newpath) {
    return -ErrorCodes.EROFS();
  }

  @Override
  public int link(String oldpath, String newpath) {
    return -ErrorCodes.EROFS();
  }

  @Override
  public int chmod(String path, long mode) {
    return -ErrorCodes.EROFS();
  }

  @Override
  public int chown(String path, long uid, long gid) {
    return -ErrorCodes.EROFS();
  }

  @Override
  public int truncate(String path, long size) {
    return -ErrorCodes.EROFS();
  }

  @Override
  public int write(String path, Pointer buf, long size, long offset, FuseFileInfo fi) {
    return -ErrorCodes.EROFS();
  }

  @Override
  public int create(String path, long mode, FuseFileInfo fi) {
    return -ErrorCodes.EROFS();
  }

  @Override
  public int ftruncate(String path, long size, FuseFileInfo fi) {
    return -ErrorCodes.EROFS();
  }

  @Override
  public int setxattr(String path, String name, Pointer value, long size, int flags) {
    return -ErrorCodes.EROFS();
  }

  @Override
  public int removexattr(String path, String name) {
    return -ErrorCodes.EROFS();
  }

  @Override
  public int utimens(String path, Timespec[] timespec) {
    return -ErrorCodes.EROFS();
  }

  @Override
  public int fallocate(String path, int mode, long off, long length, FuseFileInfo fi) {
    return -ErrorCodes.EROFS();
  }
}
