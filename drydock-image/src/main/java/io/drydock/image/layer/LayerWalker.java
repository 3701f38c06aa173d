package io.drydock.image.layer;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.drydock.image.stream.ChunkInputStream;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.Skip;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.jspecify.annotations.Nullable;

/**
 * Reads one layer blob in a single streaming pass: detects gzip, zstd or plain tar from the first bytes,
 * computes the diffID (sha256 of the uncompressed tar) on the way and checks it against the expected one, and
 * hands each entry, with its path made safe, to a {@link LayerVisitor}. Nothing is ever written to disk and no
 * link is ever followed: links, devices and whiteouts are data.
 *
 * <p>Hostile input: paths escaping the root and over-long names are skipped and counted; a blob expanding
 * beyond {@link LayerLimits#maxUncompressedBytes()} or {@link LayerLimits#maxCompressionRatio()}, an entry
 * with more than {@link LayerLimits#maxHeaderBytes()} of headers, a truncated or corrupt blob and a diffID
 * mismatch stop the walk with a one-line {@link DrydockException} of kind INVALID_INPUT.
 */
public final class LayerWalker {
  static final int COMPRESSED_BUFFER = 64 * 1024;
  static final int TAR_BUFFER = 256 * 1024;
  /** Decompression runs this many chunks ahead of tar parsing, on a thread of its own (see ReadAheadInputStream). */
  static final int READ_AHEAD_CHUNK = 256 * 1024;
  static final int READ_AHEAD_DEPTH = 8;
  private static final long PROGRESS_STEP = 4L << 20;

  private final LayerLimits limits;

  private LayerWalker(LayerLimits limits) {
    this.limits = Objects.requireNonNull(limits);
  }

  public static LayerWalker of(LayerLimits limits) {
    return new LayerWalker(limits);
  }

  public static LayerWalker withDefaults() {
    return new LayerWalker(LayerLimits.DEFAULT);
  }

  public LayerLimits limits() {
    return limits;
  }

  /** Walks {@code blob} (not closed) and checks its diffID; see {@link #walk(InputStream, Digest, LayerVisitor, LongConsumer)}. */
  public WalkSummary walk(InputStream blob, Digest expectedDiffId, LayerVisitor visitor) throws IOException {
    return walk(blob, expectedDiffId, visitor, bytes -> {});
  }

  /**
   * Walks {@code blob} (the caller closes it) and checks that the uncompressed tar has {@code expectedDiffId}.
   *
   * @param progress called now and then with the number of blob (compressed) bytes read so far
   * @throws DrydockException INVALID_INPUT for a truncated, corrupt, oversized or mismatching layer
   * @throws IOException when reading the blob fails, or as thrown by the visitor; {@link InterruptedIOException}
   *     when the thread is interrupted (checked between entries; the interrupt flag stays set)
   */
  public WalkSummary walk(InputStream blob, Digest expectedDiffId, LayerVisitor visitor, LongConsumer progress)
      throws IOException {
    Walk walk = new Walk(expectedDiffId, progress);
    try {
      return walk.run(blob, visitor);
    } finally {
      walk.close();
    }
  }

  /** State of one walk. */
  private final class Walk {
    private final Digest expected;
    private final LongConsumer progress;
    private final List<Skip> skipped = new ArrayList<>();
    private long skipCount;
    private long entries;
    private long headers;
    private @Nullable DrydockException failure;
    private @Nullable InputStream decompressed;
    private @Nullable ReadAheadInputStream readAhead;

    Walk(Digest expected, LongConsumer progress) {
      this.expected = expected;
      this.progress = progress;
    }

    WalkSummary run(InputStream blob, LayerVisitor visitor) throws IOException {
      CompressedCounter counter = new CompressedCounter(blob, PROGRESS_STEP, progress);
      BufferedInputStream buffered = new BufferedInputStream(counter, COMPRESSED_BUFFER);
      buffered.mark(8);
      byte[] head = buffered.readNBytes(4);
      buffered.reset();
      Compression compression = Compression.detect(head, head.length);
      InputStream plain;
      try {
        plain = switch (compression) {
          case GZIP -> new GZIPInputStream(buffered, COMPRESSED_BUFFER);
          case ZSTD -> new ZstdInputStreamNoFinalizer(buffered);
          case NONE -> buffered;
        };
      } catch (IOException e) {
        throw fail(translate(e, compression));
      }
      decompressed = plain;
      if (compression != Compression.NONE) {
        readAhead = new ReadAheadInputStream(plain, READ_AHEAD_CHUNK, READ_AHEAD_DEPTH, "drydock-layer-" + expected.shortHex());
        plain = readAhead;
      }
      TarData data = new TarData(plain, expected.newMessageDigest(), counter, compression);
      HeaderGuard guard = new HeaderGuard(new BufferedInputStream(data, TAR_BUFFER));
      GuardedTar tar = new GuardedTar(guard);
      EntryContent content = new EntryContent(tar);
      TarArchiveEntry tarEntry;
      while ((tarEntry = nextEntry(tar, guard, compression)) != null) {
        if (++headers > limits.maxEntries()) {
          throw fail("it holds more than " + limits.maxEntries() + " entries");
        }
        checkPaxHeaders(tarEntry);
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("Tried to read layer " + expected + " but was interrupted");
        }
        LayerEntry entry = toLayerEntry(tarEntry, data);
        if (entry == null) {
          continue;
        }
        entries++;
        content.reset(entry.type() == LayerEntry.Type.FILE);
        visitor.visit(entry, content);
        rethrowFailure();
      }
      rethrowFailure();
      data.drain();
      Digest actual = Digest.of(expected.algorithm(), data.digest.digest());
      if (!actual.equals(expected)) {
        throw fail(tar.endMarkerSeen ? "its uncompressed content has diffID " + actual + " (mismatch)" : "unexpected end of archive");
      }
      progress.accept(counter.count());
      List<Skip> listed = new ArrayList<>(skipped);
      if (skipCount > skipped.size()) {
        listed.add(new Skip("layer " + expected, (skipCount - skipped.size()) + " more entries skipped"));
      }
      return new WalkSummary(actual, compression, counter.count(), data.count, entries, listed);
    }

    private @Nullable TarArchiveEntry nextEntry(GuardedTar tar, HeaderGuard guard, Compression compression) {
      try {
        tar.skipCurrent();
        guard.arm(limits.maxHeaderBytes());
        return tar.getNextEntry();
      } catch (DrydockException e) {
        throw fail(e);
      } catch (IOException | RuntimeException e) {
        rethrowFailure();
        throw fail(translate(e, compression));
      } finally {
        guard.disarm();
      }
    }

    /** Global PAX headers accumulate over the archive; their sum must stay within the per-entry header limit. */
    private void checkPaxHeaders(TarArchiveEntry e) {
      Map<String, String> extra = e.getExtraPaxHeaders();
      if (extra.isEmpty()) {
        return;
      }
      long size = 0;
      for (Map.Entry<String, String> h : extra.entrySet()) {
        size += h.getKey().length() + h.getValue().length();
      }
      if (size > limits.maxHeaderBytes()) {
        throw fail("an entry carries more than " + limits.maxHeaderBytes() + " bytes of tar headers");
      }
    }

    private @Nullable LayerEntry toLayerEntry(TarArchiveEntry e, TarData data) {
      String raw = e.getName();
      if (raw.length() > limits.maxPathLength()) {
        skip(raw, "path longer than " + limits.maxPathLength() + " characters");
        return null;
      }
      String path = SafePaths.normalise(raw);
      if (path == null) {
        skip(raw, "path escapes the root");
        return null;
      }
      int mode = e.getMode() & 07777;
      long uid = e.getLongUserId();
      long gid = e.getLongGroupId();
      String base = SafePaths.baseName(path);
      if (base.startsWith(".wh.")) {
        if (base.equals(".wh..wh..opq")) {
          return new LayerEntry(SafePaths.parent(path), LayerEntry.Type.OPAQUE, 0, mode, null, uid, gid);
        }
        if (base.startsWith(".wh..wh.")) {
          return null; // AUFS bookkeeping (.wh..wh.plnk, .wh..wh.aufs): not part of the image
        }
        String target = base.substring(4);
        if (target.isEmpty() || target.equals(".") || target.equals("..")) {
          skip(raw, "malformed whiteout");
          return null;
        }
        return new LayerEntry(SafePaths.join(SafePaths.parent(path), target), LayerEntry.Type.WHITEOUT, 0, mode, null, uid, gid);
      }
      if (path.isEmpty()) {
        return null; // the root directory itself
      }
      if (e.isDirectory()) {
        return new LayerEntry(path, LayerEntry.Type.DIRECTORY, 0, mode, null, uid, gid);
      }
      if (e.isSymbolicLink()) {
        return new LayerEntry(path, LayerEntry.Type.SYMLINK, 0, mode, e.getLinkName(), uid, gid);
      }
      if (e.isLink()) {
        String target = SafePaths.normalise(e.getLinkName());
        if (target == null || target.isEmpty()) {
          skip(raw, "hard link target escapes the root");
          return null;
        }
        return new LayerEntry(path, LayerEntry.Type.HARDLINK, 0, mode, target, uid, gid);
      }
      byte flag = e.getLinkFlag();
      if (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG
          || e.isSparse()) {
        if (e.isSparse()) {
          data.account(e.getRealSize() - e.getSize());
        }
        return new LayerEntry(path, LayerEntry.Type.FILE, e.getRealSize(), mode, null, uid, gid);
      }
      return new LayerEntry(path, LayerEntry.Type.OTHER, 0, mode, null, uid, gid);
    }

    private void skip(String raw, String reason) {
      skipCount++;
      if (skipped.size() < limits.maxSkipsListed()) {
        skipped.add(new Skip("layer " + expected + " entry " + SafePaths.printable(raw), reason));
      }
    }

    DrydockException fail(String why) {
      return fail(DrydockException.invalidInput("Tried to read layer " + expected + " but failed because: " + why));
    }

    DrydockException fail(DrydockException e) {
      if (failure == null) {
        failure = e;
      }
      return failure;
    }

    void rethrowFailure() {
      if (failure != null) {
        throw failure;
      }
    }

    String translate(Throwable e, Compression compression) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (e instanceof HeaderTooLarge) {
        return message;
      }
      String lower = message.toLowerCase(java.util.Locale.ROOT);
      if (e instanceof EOFException || lower.contains("truncated") || lower.contains("unexpected end")
          || lower.contains("premature end")) {
        return "unexpected end of archive";
      }
      String what = switch (compression) {
        case GZIP -> "corrupt gzip stream or tar archive: ";
        case ZSTD -> "corrupt zstd stream or tar archive: ";
        case NONE -> "not a valid tar archive: ";
      };
      Throwable cause = e.getCause();
      if (cause != null && cause.getMessage() != null) {
        message = message + " (" + cause.getMessage() + ")";
      }
      return what + message.replaceAll("[\\r\\n]+", " ");
    }

    void close() throws IOException {
      if (readAhead != null) {
        readAhead.close();
        if (!readAhead.stopped()) {
          return; // still blocked in a read of the blob: leave the decompressor to the GC rather than free it under it
        }
      }
      if (decompressed != null) {
        decompressed.close(); // frees native zlib/zstd memory; the blob itself is shielded from close
      }
    }

    /** The uncompressed tar: digests and counts it, enforces the expansion limits, translates read errors. */
    private final class TarData extends ChunkInputStream {
      private final InputStream in;
      final MessageDigest digest;
      private final CompressedCounter compressedCounter;
      private final Compression compression;
      long count;
      private long accounted;
      private byte @Nullable [] scratch;

      TarData(InputStream in, MessageDigest digest, CompressedCounter compressedCounter, Compression compression) {
        this.in = in;
        this.digest = digest;
        this.compressedCounter = compressedCounter;
        this.compression = compression;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        rethrowFailure();
        int n;
        try {
          n = in.read(b, off, len);
        } catch (DrydockException e) {
          throw fail(e);
        } catch (IOException | RuntimeException e) {
          throw fail(translate(e, compression));
        }
        if (n > 0) {
          digest.update(b, off, n);
          count += n;
          check();
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        if (n <= 0) {
          return 0;
        }
        if (scratch == null) {
          scratch = new byte[64 * 1024];
        }
        int r = read(scratch, 0, (int) Math.min(n, scratch.length));
        return Math.max(r, 0);
      }

      @Override
      public int available() throws IOException {
        return 0;
      }

      /** Counts bytes that reach the visitor without being in the blob (holes of sparse files). */
      void account(long virtualBytes) {
        accounted += Math.max(virtualBytes, 0);
        check();
      }

      void drain() throws IOException {
        if (scratch == null) {
          scratch = new byte[64 * 1024];
        }
        while (read(scratch, 0, scratch.length) >= 0) {
          // digest the tar padding and anything after the end-of-archive marker
        }
      }

      private void check() {
        long total = count + accounted;
        if (total > limits.maxUncompressedBytes()) {
          throw fail("it expands to more than " + limits.maxUncompressedBytes() + " bytes (the limit per layer)");
        }
        if (count > limits.ratioCheckAfterBytes() && compression != Compression.NONE) {
          long packed = Math.max(compressedCounter.count(), 1);
          if (count / packed > limits.maxCompressionRatio()) {
            throw fail("it expands more than " + limits.maxCompressionRatio() + " times (" + packed + " bytes gave "
                + count + "), which looks like a decompression bomb");
          }
        }
      }
    }
  }
}
