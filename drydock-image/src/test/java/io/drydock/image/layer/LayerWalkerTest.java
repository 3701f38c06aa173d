package io.drydock.image.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.image.layer.LayerEntry.Type;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LayerWalkerTest {

  static final byte[] SAMPLE = Tars.tar(out -> {
    Tars.dir(out, "./");
    Tars.dir(out, "./etc");
    Tars.file(out, "./etc/os-release", "ID=alpine\n");
    Tars.file(out, "/usr/bin/su", "binary", 04755);
    Tars.link(out, "bin/sh", "/bin/busybox", TarConstants.LF_SYMLINK);
    Tars.link(out, "bin/ash", "./bin/busybox", TarConstants.LF_LINK);
    Tars.file(out, "etc/.wh.motd", "");
    Tars.file(out, "opt/app/cache/.wh..wh..opq", "");
    Tars.file(out, ".wh..wh.plnk", "");
    Tars.special(out, "dev/null", TarConstants.LF_CHR);
    Tars.special(out, "run/fifo", TarConstants.LF_FIFO);
  });

  record Seen(String path, Type type, long size, String linkTarget, String content) {}

  static List<Seen> walkAll(LayerWalker walker, byte[] blob, Digest diffId) throws IOException {
    List<Seen> seen = new ArrayList<>();
    walker.walk(new ByteArrayInputStream(blob), diffId, (entry, content) -> seen.add(new Seen(entry.path(), entry.type(),
        entry.size(), entry.linkTarget(), new String(content.readAllBytes(), StandardCharsets.UTF_8))));
    return seen;
  }

  static byte[] compress(Compression c, byte[] tar) {
    return switch (c) {
      case GZIP -> Tars.gzip(tar);
      case ZSTD -> Tars.zstd(tar);
      case NONE -> tar;
    };
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void deliversSafeEntriesForEveryCompression(Compression compression) throws IOException {
    byte[] blob = compress(compression, SAMPLE);
    List<Seen> seen = walkAll(LayerWalker.withDefaults(), blob, Tars.diffId(SAMPLE));
    assertThat(seen).containsExactly(
        new Seen("etc", Type.DIRECTORY, 0, null, ""),
        new Seen("etc/os-release", Type.FILE, 10, null, "ID=alpine\n"),
        new Seen("usr/bin/su", Type.FILE, 6, null, "binary"),
        new Seen("bin/sh", Type.SYMLINK, 0, "/bin/busybox", ""),
        new Seen("bin/ash", Type.HARDLINK, 0, "bin/busybox", ""),
        new Seen("etc/motd", Type.WHITEOUT, 0, null, ""),
        new Seen("opt/app/cache", Type.OPAQUE, 0, null, ""),
        new Seen("dev/null", Type.OTHER, 0, null, ""),
        new Seen("run/fifo", Type.OTHER, 0, null, ""));
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void summarisesTheWalk(Compression compression) throws IOException {
    byte[] blob = compress(compression, SAMPLE);
    List<Long> progress = new ArrayList<>();
    WalkSummary summary = LayerWalker.withDefaults().walk(new ByteArrayInputStream(blob), Tars.diffId(SAMPLE),
        (e, c) -> {}, progress::add);
    assertThat(summary.compression()).isEqualTo(compression);
    assertThat(summary.diffId()).isEqualTo(Tars.diffId(SAMPLE));
    assertThat(summary.uncompressedBytes()).isEqualTo(SAMPLE.length);
    assertThat(summary.compressedBytes()).isEqualTo(blob.length);
    assertThat(summary.entries()).isEqualTo(9);
    assertThat(summary.skipped()).isEmpty();
    assertThat(progress).last().isEqualTo((long) blob.length);
  }

  @Test
  void keepsModeOwnerAndSetuidBits() throws IOException {
    Map<String, LayerEntry> byPath = new LinkedHashMap<>();
    LayerWalker.withDefaults().walk(new ByteArrayInputStream(SAMPLE), Tars.diffId(SAMPLE), (e, c) -> byPath.put(e.path(), e));
    assertThat(byPath.get("usr/bin/su").isSetuid()).isTrue();
    assertThat(byPath.get("usr/bin/su").mode()).isEqualTo(04755);
    assertThat(byPath.get("etc/os-release").isSetuid()).isFalse();
  }

  @Test
  void skipsAndCountsEntriesEscapingTheRoot() throws IOException {
    byte[] tar = Tars.tar(out -> {
      Tars.file(out, "../etc/passwd", "root::0:0");
      Tars.file(out, "/../../etc/shadow", "x");
      Tars.file(out, "a/../../b", "x");
      Tars.file(out, "/etc/hosts", "127.0.0.1 localhost");
      Tars.link(out, "etc/escape", "../../../../etc/shadow", TarConstants.LF_SYMLINK);
      Tars.link(out, "etc/hard", "../../etc/shadow", TarConstants.LF_LINK);
      Tars.file(out, "etc/.wh...", "");
    });
    List<Skip2> skips = new ArrayList<>();
    List<Seen> seen = new ArrayList<>();
    WalkSummary summary = LayerWalker.withDefaults().walk(new ByteArrayInputStream(tar), Tars.diffId(tar),
        (e, c) -> seen.add(new Seen(e.path(), e.type(), e.size(), e.linkTarget(), "")));
    summary.skipped().forEach(s -> skips.add(new Skip2(s.where(), s.reason())));
    assertThat(seen).containsExactly(
        new Seen("etc/hosts", Type.FILE, 19, null, ""),
        new Seen("etc/escape", Type.SYMLINK, 0, "../../../../etc/shadow", ""));
    assertThat(skips).extracting(Skip2::reason).containsExactly(
        "path escapes the root", "path escapes the root", "path escapes the root",
        "hard link target escapes the root", "malformed whiteout");
    assertThat(skips.get(0).where()).contains("../etc/passwd").contains(Tars.diffId(tar).toString());
  }

  record Skip2(String where, String reason) {}

  @Test
  void listsAtMostTheConfiguredNumberOfSkipsAndCountsTheRest() throws IOException {
    byte[] tar = Tars.tar(out -> {
      for (int i = 0; i < 5; i++) {
        Tars.file(out, "../x" + i, "");
      }
    });
    LayerLimits limits = new LayerLimits(1L << 30, 1000, 1 << 20, 4096, 1 << 20, 2, 100);
    WalkSummary summary = LayerWalker.of(limits).walk(new ByteArrayInputStream(tar), Tars.diffId(tar), (e, c) -> {});
    assertThat(summary.skipped()).hasSize(3);
    assertThat(summary.skipped().get(2).reason()).isEqualTo("3 more entries skipped");
  }

  @Test
  void stopsALayerWithTooManyEntries() {
    byte[] tar = Tars.tar(out -> {
      for (int i = 0; i < 11; i++) {
        Tars.file(out, "f" + i, "");
      }
    });
    assertThatThrownBy(() -> LayerWalker.of(LayerLimits.DEFAULT.withMaxEntries(10))
        .walk(new ByteArrayInputStream(tar), Tars.diffId(tar), (e, c) -> {}))
        .isInstanceOf(DrydockException.class)
        .hasMessage("Tried to read layer " + Tars.diffId(tar) + " but failed because: it holds more than 10 entries");
  }

  @Test
  void skipsOverLongNamesAndRejectsHugeHeaders() throws IOException {
    String longName = "a/".repeat(3000) + "f";
    byte[] tar = Tars.tar(out -> {
      Tars.file(out, longName, "x");
      Tars.file(out, "ok", "y");
    });
    WalkSummary summary = LayerWalker.withDefaults().walk(new ByteArrayInputStream(tar), Tars.diffId(tar), (e, c) -> {
      assertThat(e.path()).isEqualTo("ok");
    });
    assertThat(summary.entries()).isEqualTo(1);
    assertThat(summary.skipped()).extracting(s -> s.reason()).containsExactly("path longer than 4096 characters");

    for (byte flag : new byte[] {TarConstants.LF_PAX_EXTENDED_HEADER_LC, TarConstants.LF_GNUTYPE_LONGNAME}) {
      byte[] huge = Tars.tar(out -> {
        Tars.metadata(out, flag, Tars.paxRecord("path", "b".repeat(2 << 20)));
        Tars.file(out, "short", "x");
      });
      assertThatThrownBy(() -> LayerWalker.withDefaults().walk(new ByteArrayInputStream(Tars.gzip(huge)), Tars.diffId(huge), (e, c) -> {}))
          .isInstanceOf(DrydockException.class)
          .hasMessage("Tried to read layer " + Tars.diffId(huge) + " but failed because: an entry carries more than 1048576 bytes of tar headers");
    }
  }

  @Test
  void rejectsGlobalPaxHeadersAccumulatingBeyondTheLimit() {
    byte[] tar = Tars.tar(out -> {
      for (int i = 0; i < 3; i++) {
        TarArchiveEntry global = new TarArchiveEntry("pax_global_header", TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER);
        global.addPaxHeader("drydock.test" + i, "v".repeat(600_000));
        out.putArchiveEntry(global);
        Tars.file(out, "f" + i, "x");
      }
    });
    List<String> seen = new ArrayList<>();
    assertThatThrownBy(() -> LayerWalker.withDefaults().walk(new ByteArrayInputStream(tar), Tars.diffId(tar), (e, c) -> seen.add(e.path())))
        .isInstanceOf(DrydockException.class)
        .hasMessage("Tried to read layer " + Tars.diffId(tar) + " but failed because: an entry carries more than 1048576 bytes of tar headers");
    assertThat(seen).containsExactly("f0");
  }

  @Test
  void acceptsPaxHeadersWithinTheLimit() throws IOException {
    byte[] tar = Tars.tar(out -> {
      Tars.metadata(out, TarConstants.LF_PAX_EXTENDED_HEADER_LC, Tars.paxRecord("path", "opt/" + "c".repeat(1000)));
      Tars.file(out, "short", "x");
    });
    List<Seen> seen = walkAll(LayerWalker.withDefaults(), tar, Tars.diffId(tar));
    assertThat(seen).extracting(Seen::path).containsExactly("opt/" + "c".repeat(1000));
  }

  @ParameterizedTest
  @EnumSource(value = Compression.class, names = {"GZIP", "ZSTD"})
  void stopsADecompressionBombAtTheSizeLimit(Compression compression) {
    byte[] bomb = Tars.compressedZeros(64L << 20, compression == Compression.GZIP ? out -> new GZIPOutputStream(out, 1 << 16)
        : out -> new com.github.luben.zstd.ZstdOutputStream(out, 3));
    assertThat(bomb.length).isLessThan(1 << 20);
    LayerLimits limits = LayerLimits.DEFAULT.withMaxUncompressedBytes(16L << 20).withCompressionRatio(1L << 40, 0);
    Digest any = Digest.sha256(new byte[0]);
    assertThatThrownBy(() -> LayerWalker.of(limits).walk(new ByteArrayInputStream(bomb), any, (e, c) -> c.readAllBytes()))
        .isInstanceOf(DrydockException.class)
        .hasMessage("Tried to read layer " + any + " but failed because: it expands to more than 16777216 bytes (the limit per layer)")
        .extracting(e -> ((DrydockException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT);
  }

  @Test
  void stopsADecompressionBombAtTheRatioLimitEvenWhenTheVisitorSkipsContent() {
    byte[] bomb = Tars.compressedZeros(64L << 20, out -> new GZIPOutputStream(out, 1 << 16));
    LayerLimits limits = LayerLimits.DEFAULT.withCompressionRatio(100, 1 << 20);
    Digest any = Digest.sha256(new byte[0]);
    assertThatThrownBy(() -> LayerWalker.of(limits).walk(new ByteArrayInputStream(bomb), any, (e, c) -> {}))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("Tried to read layer " + any + " but failed because: it expands more than 100 times (")
        .hasMessageEndingWith("which looks like a decompression bomb");
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void reportsATruncatedLayer(Compression compression) {
    byte[] tar = Tars.tar(out -> {
      Tars.file(out, "a", "x".repeat(5000));
      Tars.file(out, "b", "y".repeat(5000));
    });
    byte[] blob = compress(compression, tar);
    for (int cut : new int[] {blob.length / 2, blob.length - 1024, 3}) {
      if (compression != Compression.NONE && cut == blob.length - 1024) {
        continue;
      }
      byte[] truncated = Arrays.copyOf(blob, cut);
      assertThatThrownBy(() -> walkAll(LayerWalker.withDefaults(), truncated, Tars.diffId(tar)))
          .as("cut at %d", cut)
          .isInstanceOf(DrydockException.class)
          .hasMessage("Tried to read layer " + Tars.diffId(tar) + " but failed because: unexpected end of archive");
    }
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void rejectsADiffIdMismatch(Compression compression) {
    byte[] blob = compress(compression, SAMPLE);
    Digest wrong = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> walkAll(LayerWalker.withDefaults(), blob, wrong))
        .isInstanceOf(DrydockException.class)
        .hasMessage("Tried to read layer " + wrong + " but failed because: its uncompressed content has diffID "
            + Tars.diffId(SAMPLE) + " (mismatch)");
  }

  @Test
  void rejectsGarbage() {
    byte[] garbage = new byte[2048];
    Arrays.fill(garbage, (byte) 'z');
    assertThatThrownBy(() -> walkAll(LayerWalker.withDefaults(), garbage, Tars.diffId(garbage)))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("Tried to read layer " + Tars.diffId(garbage) + " but failed because: not a valid tar archive")
        .hasMessageNotContaining("\n");
    byte[] badGzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    assertThatThrownBy(() -> walkAll(LayerWalker.withDefaults(), badGzip, Tars.diffId(badGzip)))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("Tried to read layer " + Tars.diffId(badGzip) + " but failed because: ");
  }

  @Test
  void passesOnErrorsOfTheBlobStreamUnchanged() {
    DrydockException blobError = DrydockException.invalidInput("Tried to read blob x but failed because: digest mismatch");
    byte[] gz = Tars.gzip(SAMPLE);
    InputStream failing = new InputStream() {
      int left = gz.length / 2;
      final InputStream in = new ByteArrayInputStream(gz);

      @Override
      public int read() throws IOException {
        if (left-- <= 0) {
          throw blobError;
        }
        return in.read();
      }
    };
    assertThatThrownBy(() -> LayerWalker.withDefaults().walk(failing, Tars.diffId(SAMPLE), (e, c) -> c.readAllBytes()))
        .isSameAs(blobError);
  }

  @Test
  void theVisitorMayReadPartOfAnEntryAndCannotCloseTheTar() throws IOException {
    byte[] tar = Tars.tar(out -> {
      Tars.file(out, "big", "z".repeat(100_000));
      Tars.file(out, "next", "n");
    });
    List<String> got = new ArrayList<>();
    WalkSummary summary = LayerWalker.withDefaults().walk(new ByteArrayInputStream(Tars.zstd(tar)), Tars.diffId(tar), (e, c) -> {
      got.add(e.path() + "=" + (char) c.read());
      c.close();
    });
    assertThat(got).containsExactly("big=z", "next=n");
    assertThat(summary.uncompressedBytes()).isEqualTo(tar.length);
  }

  @Test
  void acceptsConcatenatedGzipMembers() throws IOException {
    byte[] tar = SAMPLE;
    byte[] first = Tars.gzip(Arrays.copyOf(tar, 1024));
    byte[] second = Tars.gzip(Arrays.copyOfRange(tar, 1024, tar.length));
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    assertThat(walkAll(LayerWalker.withDefaults(), both, Tars.diffId(tar))).extracting(Seen::path, Seen::type)
        .contains(tuple("etc/os-release", Type.FILE), tuple("run/fifo", Type.OTHER));
  }

  @Test
  void stopsBetweenEntriesWhenInterrupted() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> walkAll(LayerWalker.withDefaults(), SAMPLE, Tars.diffId(SAMPLE)))
          .isInstanceOf(java.io.InterruptedIOException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> new LayerLimits(0, 1, 1, 1, 4096, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    UnaryOperator<LayerLimits> same = l -> l;
    assertThat(same.apply(LayerLimits.DEFAULT).maxUncompressedBytes()).isEqualTo(64L << 30);
  }
}
