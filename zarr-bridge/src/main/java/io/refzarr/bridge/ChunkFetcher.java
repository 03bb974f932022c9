package io.refzarr.bridge;

import io.refzarr.nio.FileRange;
import io.refzarr.nio.ReferenceFileSystemProvider;
import io.refzarr.nio.ReferenceFileSystems;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fetches the encoded bytes of several chunks of one array directory. On a {@code reference} file
 * system that is one multi-key read (ranges coalesced per target, fetched concurrently); elsewhere
 * one {@code Files.readAllBytes} per chunk. Chunks that do not exist are left out of the result.
 */
interface ChunkFetcher {
  Map<String, byte[]> fetch(List<String> keys) throws IOException;

  /**
   * Where a chunk's stored bytes lie in a local file, if they do (see {@link DirectCopy}): a
   * reference to a local file, or a chunk file of a store on the default file system.
   */
  Optional<FileRange> fileRange(String key) throws IOException;

  static ChunkFetcher of(Path dir) {
    if (ReferenceFileSystemProvider.SCHEME.equals(dir.getFileSystem().provider().getScheme())) {
      return new ChunkFetcher() {
        @Override
        public Map<String, byte[]> fetch(List<String> keys) throws IOException {
          return ReferenceFileSystems.readKeys(dir, keys);
        }

        @Override
        public Optional<FileRange> fileRange(String key) throws IOException {
          return ReferenceFileSystems.fileRange(dir.resolve(key));
        }
      };
    }
    return new ChunkFetcher() {
      @Override
      public Map<String, byte[]> fetch(List<String> keys) throws IOException {
        return readFiles(dir, keys);
      }

      @Override
      public Optional<FileRange> fileRange(String key) throws IOException {
        Path file = dir.resolve(key);
        if (file.getFileSystem() != FileSystems.getDefault() || !Files.isRegularFile(file)) {
          return Optional.empty();
        }
        return Optional.of(new FileRange(file.toAbsolutePath(), 0, Files.size(file)));
      }
    };
  }

  private static Map<String, byte[]> readFiles(Path dir, List<String> keys) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String key : keys) {
      try {
        out.put(key, Files.readAllBytes(dir.resolve(key)));
      } catch (NoSuchFileException e) {
        // a missing chunk reads as the fill value
      }
    }
    return out;
  }
}
