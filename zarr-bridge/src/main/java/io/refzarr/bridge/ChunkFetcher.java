package io.refzarr.bridge;

import io.refzarr.nio.ReferenceFileSystemProvider;
import io.refzarr.nio.ReferenceFileSystems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches the encoded bytes of several chunks of one array directory. On a {@code reference} file
 * system that is one multi-key read (ranges coalesced per target, fetched concurrently); elsewhere
 * one {@code Files.readAllBytes} per chunk. Chunks that do not exist are left out of the result.
 */
interface ChunkFetcher {
  Map<String, byte[]> fetch(List<String> keys) throws IOException;

  static ChunkFetcher of(Path dir) {
    if (ReferenceFileSystemProvider.SCHEME.equals(dir.getFileSystem().provider().getScheme())) {
      return keys -> ReferenceFileSystems.readKeys(dir, keys);
    }
    return keys -> {
      Map<String, byte[]> out = new LinkedHashMap<>();
      for (String key : keys) {
        try {
          out.put(key, Files.readAllBytes(dir.resolve(key)));
        } catch (NoSuchFileException e) {
          // a missing chunk reads as the fill value
        }
      }
      return out;
    };
  }
}
