/**
 * The read-only {@code reference} file system: a reference set presented as a Zarr directory tree
 * through {@code java.nio.file}, so any code that takes a {@code Path} can read it.
 *
 * <p>Most users need only {@code FileSystems.newFileSystem(Path refs, env)} (or {@link
 * io.refzarr.nio.ReferenceFileSystems}) and the {@code env} properties of {@link
 * io.refzarr.nio.ReferenceFileSystemConfig}. Keys are regular files; directories are implied by key
 * prefixes and carry the epoch as their times. Missing keys throw {@code NoSuchFileException} (so
 * Zarr readers use the fill value); a target that cannot be read throws {@link
 * io.refzarr.source.ReferenceNotReachableException} naming the key and the target; every mutation
 * throws {@code ReadOnlyFileSystemException}. Channels fill the caller's buffer, shared locks are
 * no-ops, and {@code map} is unsupported.
 *
 * <p>{@link io.refzarr.nio.ReferenceReader} reads the bytes of references without a file system,
 * with the same configuration, target resolution, block cache and errors: the file system reads
 * through one, and so do the operations on reference sets (combine).
 */
package io.refzarr.nio;
