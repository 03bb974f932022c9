/*
 * The floor of `refzarr get` for an uncompressed array, in C: the same reads, the same rearrangement
 * and the same writes, with no process start-up beyond C's, no reference parsing and no decoding.
 * Two threads each take every other slab (one chunk row along the first axis, all of the other axes),
 * read the slab's chunks with pread (or map them, with "mapped"), copy their innermost runs into the
 * slab, and pwrite the slab at its place in the .npy file. get_floor.sh prepares the chunk list and the .npy header from a
 * reference set, untimed, and compares the output with refzarr's.
 *
 * Input (stdin): "ndim itemsize", the shape, the chunk shape, then one line per chunk:
 * "i_0 ... i_{n-1} offset length". argv: source file, header file, output file, threads, and
 * "read" or "mapped".
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAXD 8
#define MAXCHUNKS 1000000
typedef struct { long idx[MAXD], offset, length; } Chunk;

static int ndim, source, output, threads, mapped;
static long itemsize, shape[MAXD], chunks[MAXD], grid[MAXD], headerLength, slabBytes;
static Chunk *list;
static long count;

static void fail(const char *what) { perror(what); exit(1); }

static long min(long a, long b) { return a < b ? a : b; }

/* Copies one chunk's runs into the slab that starts at row slabRow of the first axis. */
static void place(const Chunk *c, const char *data, char *slab, long slabRow) {
  long extent[MAXD], pos[MAXD] = {0};
  for (int d = 0; d < ndim; d++) extent[d] = min(chunks[d], shape[d] - c->idx[d] * chunks[d]);
  long run = extent[ndim - 1] * itemsize;
  for (;;) {
    long in = 0, out = 0;
    for (int d = 0; d < ndim; d++) {
      in = in * chunks[d] + pos[d];
      long row = c->idx[d] * chunks[d] + pos[d] - (d == 0 ? slabRow : 0);
      out = out * shape[d] + row;
    }
    memcpy(slab + out * itemsize, data + in * itemsize, run);
    int d = ndim - 2;
    while (d >= 0 && ++pos[d] == extent[d]) pos[d--] = 0;
    if (d < 0) return;
  }
}

static void *work(void *arg) {
  long first = (long) arg, chunkBytes = itemsize;
  for (int d = 0; d < ndim; d++) chunkBytes *= chunks[d];
  char *data = malloc(chunkBytes), *slab = malloc(slabBytes);
  if (!data || !slab) fail("malloc");
  for (long s = first; s < grid[0]; s += threads) {
    long slabRow = s * chunks[0], rows = min(chunks[0], shape[0] - slabRow);
    for (long i = 0; i < count; i++) {
      if (list[i].idx[0] != s) continue;
      const Chunk *c = &list[i];
      if (!mapped) {
        if (pread(source, data, c->length, c->offset) != c->length) fail("pread");
        place(c, data, slab, slabRow);
        continue;
      }
      long start = c->offset & ~4095L, span = c->offset - start + c->length;
      char *map = mmap(NULL, span, PROT_READ, MAP_SHARED, source, start);
      if (map == MAP_FAILED) fail("mmap");
      place(c, map + (c->offset - start), slab, slabRow);
      munmap(map, span);
    }
    long bytes = slabBytes / chunks[0] * rows;
    if (pwrite(output, slab, bytes, headerLength + slabRow * (slabBytes / chunks[0])) != bytes) fail("pwrite");
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 6) { fprintf(stderr, "usage: get_floor SOURCE HEADER OUTPUT THREADS read|mapped < chunks\n"); return 2; }
  threads = atoi(argv[4]);
  mapped = strcmp(argv[5], "mapped") == 0;
  if (scanf("%d %ld", &ndim, &itemsize) != 2 || ndim < 1 || ndim > MAXD) { fprintf(stderr, "bad input\n"); return 2; }
  for (int d = 0; d < ndim; d++) if (scanf("%ld", &shape[d]) != 1) return 2;
  for (int d = 0; d < ndim; d++) if (scanf("%ld", &chunks[d]) != 1) return 2;
  slabBytes = itemsize * chunks[0];
  for (int d = 0; d < ndim; d++) {
    grid[d] = (shape[d] + chunks[d] - 1) / chunks[d];
    if (d > 0) slabBytes *= shape[d];
  }
  list = malloc(sizeof(Chunk) * MAXCHUNKS);
  for (Chunk c; count < MAXCHUNKS; list[count++] = c) {
    for (int d = 0; d < ndim; d++) if (scanf("%ld", &c.idx[d]) != 1) goto read;
    if (scanf("%ld %ld", &c.offset, &c.length) != 2) return 2;
  }
read:
  source = open(argv[1], O_RDONLY);
  int header = open(argv[2], O_RDONLY);
  output = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (source < 0 || header < 0 || output < 0) fail("open");
  char text[4096];
  headerLength = read(header, text, sizeof text);
  if (headerLength <= 0 || write(output, text, headerLength) != headerLength) fail("header");
  pthread_t pool[64];
  for (long t = 0; t < threads; t++) pthread_create(&pool[t], NULL, work, (void *) t);
  for (long t = 0; t < threads; t++) pthread_join(pool[t], NULL);
  return close(output) == 0 ? 0 : 1;
}
