package io.refzarr.fuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's mount table ({@code /proc/self/mountinfo}) and the commands that unmount a FUSE
 * mount.
 */
final class MountTable {
  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

  /**
   * Unmount commands, tried in order: libfuse 3's and 2's helpers, plain umount (as root), and last
   * the lazy forms, which detach a busy mount point at once (it goes away when its last user
   * leaves) rather than leave a dead mount behind when the process ends.
   */
  private static final List<List<String>> UNMOUNT =
      List.of(
          List.of("fusermount3", "-u"),
          List.of("fusermount", "-u"),
          List.of("umount"),
          List.of("fusermount3", "-u", "-z"),
          List.of("fusermount", "-u", "-z"),
          List.of("umount", "-l"));

  private MountTable() {}

  /** True when a file system is mounted at {@code mountPoint} (an absolute, normalized path). */
  static boolean isMounted(Path mountPoint) throws IOException {
    String wanted = mountPoint.toString();
    for (String line : Files.readAllLines(MOUNTINFO)) {
      String[] fields = line.split(" ");
      if (fields.length > 4 && unescape(fields[4]).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  /** Runs the unmount commands until the mount point is free; false when it is still mounted. */
  static boolean unmount(Path mountPoint) throws IOException, InterruptedException {
    for (List<String> command : UNMOUNT) {
      if (!isMounted(mountPoint)) {
        return true;
      }
      run(command, mountPoint);
    }
    return !isMounted(mountPoint);
  }

  private static void run(List<String> command, Path mountPoint) throws InterruptedException {
    List<String> full = new java.util.ArrayList<>(command);
    full.add(mountPoint.toString());
    try {
      Process p =
          new ProcessBuilder(full)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      // that helper is not installed: try the next
    }
  }

  /** mountinfo escapes space, tab, newline and backslash as octal ({@code \040}). */
  private static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int from) {
    for (int i = from; i < from + 3; i++) {
      if (i >= s.length() || s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
