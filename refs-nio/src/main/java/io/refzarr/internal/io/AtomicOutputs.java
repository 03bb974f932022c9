package io.refzarr.internal.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes outputs so that they appear complete or not at all. Temporary siblings are created with
 * {@code CREATE_NEW} rather than {@link Files#createTempFile}, so they get the mode a plain write
 * would (0666 or 0777 less the umask) instead of 0600/0700, and keep it when renamed into place.
 *
 * <p>Only regular files (and directories, for {@link #newStagingDirectory}) are ever replaced. A
 * pipe or a device at the output path is written directly, as a shell redirection would; anything
 * else there (a directory where a file goes, a socket) is refused. A symbolic link is followed: its
 * target is replaced, the link stays.
 */
public final class AtomicOutputs {
  private static final int ATTEMPTS = 100;

  /** Produces an output's bytes. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Produces an output's bytes into a file channel: by positional writes when {@code seekable} (a
   * regular file, written into a fresh sibling), else by sequential writes from the channel's
   * position (a pipe or device written directly).
   */
  @FunctionalInterface
  public interface ChannelBody {
    void writeTo(FileChannel out, boolean seekable) throws IOException;
  }

  private AtomicOutputs() {}

  /**
   * Writes {@code file} from {@code body}: into a hidden sibling that is renamed over the file once
   * complete (missing parent directories are made), or straight into a pipe or device. If {@code
   * body} fails, the sibling is removed and an existing file is left as it was.
   */
  public static void write(Path file, Body body) throws IOException {
    if (isPipeOrDevice(file)) {
      try (OutputStream out =
          new BufferedOutputStream(
              Files.newOutputStream(file, StandardOpenOption.WRITE), 1 << 16)) {
        body.writeTo(out);
      }
      return;
    }
    Path target = followLink(file);
    Path tmp = newSibling(file, target, attributes(target));
    try {
      try (OutputStream out =
          new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.WRITE), 1 << 16)) {
        body.writeTo(out);
      }
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Like {@link #write(Path, Body)}, for a body that writes through a {@link FileChannel}, at any
   * position into a regular file (so parts can be written in parallel and out of order), or in
   * order into a pipe or device.
   */
  public static void writeChannel(Path file, ChannelBody body) throws IOException {
    if (isPipeOrDevice(file)) {
      try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
        body.writeTo(out, false);
      }
      return;
    }
    Path target = followLink(file);
    Path tmp = newSibling(file, target, attributes(target));
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        body.writeTo(out, true);
      }
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  // The hidden sibling a regular file is written into; refuses to replace anything but a regular
  // file.
  private static Path newSibling(Path file, Path target, BasicFileAttributes attrs)
      throws IOException {
    if (attrs != null && !attrs.isRegularFile()) {
      throw new FileAlreadyExistsException(
          file.toString(), null, "exists and is not a regular file: refusing to replace it");
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    return newSiblingFile(target);
  }

  /**
   * A new, empty, hidden directory beside {@code out} (whose parents are made), named after it,
   * with the mode a plain {@code mkdir} would give. The caller fills it and {@linkplain
   * #publishDirectory publishes} it, or deletes it.
   */
  public static Path newStagingDirectory(Path out) throws IOException {
    Path abs = out.toAbsolutePath().normalize();
    Files.createDirectories(abs.getParent());
    for (int i = 0; ; i++) {
      Path candidate = abs.resolveSibling(hiddenName(abs, ".tmp-"));
      try {
        return Files.createDirectory(candidate);
      } catch (FileAlreadyExistsException e) {
        if (i >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Renames a finished staging directory to {@code out}. Whatever is at {@code out} is first
   * renamed aside and deleted only once the new directory is in place; {@code replaceable} decides
   * whether an existing directory may be replaced at all (anything that is not a directory never
   * is); {@code kind} names what may be replaced, for the refusal's message.
   */
  public static void publishDirectory(Path staging, Path out, String kind, Replaceable replaceable)
      throws IOException {
    if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      move(staging, out);
      return;
    }
    if (!Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS) || !replaceable.test(out)) {
      throw new FileAlreadyExistsException(
          out.toString(), null, "exists and is not " + kind + ": refusing to replace it");
    }
    Path old = out.resolveSibling(hiddenName(out, ".old-"));
    move(out, old);
    move(staging, out);
    deleteTree(old);
  }

  /** Decides whether an existing directory may be replaced by a new output. */
  @FunctionalInterface
  public interface Replaceable {
    boolean test(Path existing) throws IOException;
  }

  /** Deletes a directory tree (or file) if it exists, without following links. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static Path newSiblingFile(Path target) throws IOException {
    for (int i = 0; ; i++) {
      Path candidate = target.toAbsolutePath().resolveSibling(hiddenName(target, ".tmp-"));
      try {
        return Files.createFile(candidate);
      } catch (FileAlreadyExistsException e) {
        if (i >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static String hiddenName(Path p, String infix) {
    return "."
        + p.getFileName()
        + infix
        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
  }

  // Asked of the path itself, links followed by the kernel: /dev/stdout is a link to a link
  // (/proc/self/fd/1) whose text ("pipe:[1234]") names no file, but its stat is the pipe's.
  private static boolean isPipeOrDevice(Path file) throws IOException {
    BasicFileAttributes attrs = attributes(file);
    return attrs != null && attrs.isOther();
  }

  private static Path followLink(Path file) throws IOException {
    Path p = file;
    for (int i = 0; i < 40 && Files.isSymbolicLink(p); i++) {
      Path link = Files.readSymbolicLink(p);
      p = p.toAbsolutePath().resolveSibling(link);
    }
    return p;
  }

  private static BasicFileAttributes attributes(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
