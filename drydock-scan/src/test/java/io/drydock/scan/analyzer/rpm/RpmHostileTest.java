package io.drydock.scan.analyzer.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.ospkg.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Corrupt and hostile rpm databases and headers: a Skip or one clear INVALID_INPUT, never a crash or a huge allocation. */
class RpmHostileTest {
  private static final String DIR = RpmAnalyzerTest.DIR;

  @TempDir Path tmp;

  // ---- headers ---------------------------------------------------------------------------------------------

  @Test
  void headerClaiming2pow31EntriesIsRejectedBeforeAllocating() {
    byte[] blob = ByteBuffer.allocate(64).putInt(0x7fff_ffff).putInt(16).array();
    assertThatThrownBy(() -> RpmHeader.parse(blob))
        .isInstanceOf(RpmHeader.InvalidHeaderException.class).hasMessageContaining("2147483647 index entries");
    byte[] negative = ByteBuffer.allocate(64).putInt(0x8000_0000).putInt(16).array();
    assertThatThrownBy(() -> RpmHeader.parse(negative)).isInstanceOf(RpmHeader.InvalidHeaderException.class);
    byte[] moreThanBlob = ByteBuffer.allocate(64).putInt(1000).putInt(16).array();
    assertThatThrownBy(() -> RpmHeader.parse(moreThanBlob))
        .isInstanceOf(RpmHeader.InvalidHeaderException.class).hasMessageContaining("holds only 64");
    byte[] hugeData = ByteBuffer.allocate(64).putInt(1).putInt(0x7000_0000).array();
    assertThatThrownBy(() -> RpmHeader.parse(hugeData)).isInstanceOf(RpmHeader.InvalidHeaderException.class);
    assertThatThrownBy(() -> RpmHeader.parse(new byte[3])).isInstanceOf(RpmHeader.InvalidHeaderException.class);
  }

  @Test
  void valueOffsetsOutsideTheDataAndStringsWithoutNulAreAbsent() throws Exception {
    // il=3, dl=8: NAME at offset 0 ("abc\0"), VERSION at offset 6 without NUL, RELEASE at offset 1000.
    ByteBuffer b = ByteBuffer.allocate(8 + 3 * 16 + 8);
    b.putInt(3).putInt(8);
    b.putInt(RpmHeader.TAG_NAME).putInt(RpmHeader.TYPE_STRING).putInt(0).putInt(1);
    b.putInt(RpmHeader.TAG_VERSION).putInt(RpmHeader.TYPE_STRING).putInt(6).putInt(1);
    b.putInt(RpmHeader.TAG_RELEASE).putInt(RpmHeader.TYPE_STRING).putInt(1000).putInt(1);
    b.put(new byte[] {'a', 'b', 'c', 0, 'x', 'y', 'z', 'z'});
    RpmHeader h = RpmHeader.parse(b.array());
    assertThat(h.string(RpmHeader.TAG_NAME)).isEqualTo("abc");
    assertThat(h.string(RpmHeader.TAG_VERSION)).isNull();
    assertThat(h.string(RpmHeader.TAG_RELEASE)).isNull();
    assertThat(h.int32(RpmHeader.TAG_NAME)).isNull();
    assertThat(h.hex(RpmHeader.TAG_SIGMD5)).isNull();
  }

  @Test
  void mutatedRealHeadersNeverThrowAnythingElse() throws Exception {
    List<byte[]> blobs = new ArrayList<>();
    Path db = tmp.resolve("Packages.db");
    Files.write(db, Fixtures.bytes(DIR + "Packages.db"));
    try (FileChannel ch = FileChannel.open(db)) {
      Ndb.read(ch, "x", RpmAnalyzerTest.sink(blobs));
    }
    Random rnd = new Random(1);
    for (int round = 0; round < 3000; round++) {
      byte[] blob = blobs.get(rnd.nextInt(blobs.size())).clone();
      for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
        int at = rnd.nextInt(Math.min(blob.length, rnd.nextBoolean() ? 400 : blob.length));
        blob[at] = (byte) rnd.nextInt(256);
      }
      try {
        RpmHeader h = RpmHeader.parse(blob);
        h.string(RpmHeader.TAG_NAME);
        h.string(RpmHeader.TAG_SOURCERPM);
        h.int32(RpmHeader.TAG_EPOCH);
        h.hex(RpmHeader.TAG_SIGMD5);
      } catch (RpmHeader.InvalidHeaderException expected) {
        // fine: a counted skip
      }
    }
  }

  // ---- Berkeley DB -----------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {0, 1000, 4097, 131072, -1})
  void bdbWithBogusPageSizeIsInvalidInput(int pageSize) throws IOException {
    byte[] db = Fixtures.bytes(DIR + "Packages");
    ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN).putInt(20, pageSize);
    assertThatThrownBy(() -> read(db, "Packages"))
        .isInstanceOf(DrydockException.class)
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageStartingWith("Tried to read the rpm Berkeley DB var/lib/rpm/Packages but failed because: page size");
  }

  @Test
  void bdbClaimingFourBillionPagesReadsWhatIsThereAndSaysSo() throws IOException {
    byte[] db = Fixtures.bytes(DIR + "Packages");
    ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN).putInt(32, 0xffff_fffe);
    AnalysisResult r = read(db, "Packages");
    assertThat(r.packages()).extracting(p -> p.name()).containsExactly("libuuid");
    assertThat(r.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("file ends"));
  }

  @Test
  void bdbTruncatedIsSkipsNotCrash() throws IOException {
    byte[] full = Fixtures.bytes(DIR + "Packages");
    for (int len : new int[] {0, 100, 600, 4096, 8192, 20000, full.length / 2, full.length - 1}) {
      byte[] cut = java.util.Arrays.copyOf(full, len);
      try {
        AnalysisResult r = read(cut, "Packages");
        assertThat(r.packages().size() + r.skipped().size()).isGreaterThanOrEqualTo(0);
      } catch (DrydockException e) {
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
      }
    }
  }

  @Test
  void bdbWithRandomCorruptionNeverCrashes() throws IOException {
    fuzz("Packages", 300, 4096);
  }

  @Test
  void bdbOverflowChainLoopAndBogusOffsets() throws IOException {
    byte[] db = Fixtures.bytes(DIR + "Packages");
    ByteBuffer b = ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN);
    int pageSize = b.getInt(20);
    // Make every overflow page point to itself, and every in-page offset of every hash page bogus on a copy.
    byte[] loop = db.clone();
    ByteBuffer l = ByteBuffer.wrap(loop).order(ByteOrder.LITTLE_ENDIAN);
    byte[] bogus = db.clone();
    ByteBuffer o = ByteBuffer.wrap(bogus).order(ByteOrder.LITTLE_ENDIAN);
    int overflowPages = 0;
    for (int p = 1; p < db.length / pageSize; p++) {
      int at = p * pageSize;
      if (db[at + 25] == 7) {
        l.putInt(at + 16, p);
        overflowPages++;
      }
      if (db[at + 25] == 13) {
        int n = Short.toUnsignedInt(o.getShort(at + 20));
        for (int i = 0; i < n; i++) {
          o.putShort(at + 26 + 2 * i, (short) 0xfff0);
        }
        o.putShort(at + 20, (short) 0xfffe); // and claim far more entries than fit
      }
    }
    assertThat(overflowPages).isPositive();
    AnalysisResult rl = read(loop, "Packages");
    assertThat(rl.packages()).isEmpty();
    assertThat(rl.skipped()).isNotEmpty();
    AnalysisResult ro = read(bogus, "Packages");
    assertThat(ro.packages()).isEmpty();
    assertThat(ro.skipped()).isNotEmpty();
  }

  // ---- NDB -------------------------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {0, 2049, 0x7fffffff, -1, 1000})
  void ndbWithBogusSlotPageCountIsInvalidInput(int slotPages) throws IOException {
    byte[] db = Fixtures.bytes(DIR + "Packages.db");
    ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN).putInt(12, slotPages);
    assertThatThrownBy(() -> read(db, "Packages.db"))
        .isInstanceOf(DrydockException.class)
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageStartingWith("Tried to read the rpm NDB database var/lib/rpm/Packages.db but failed because:");
  }

  @Test
  void ndbWithBogusBlobOffsetsAndLengthsSkipsThoseRecords() throws IOException {
    byte[] db = Fixtures.bytes(DIR + "Packages.db");
    ByteBuffer b = ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN);
    // slot 2 (first package): block offset far beyond the file; slot 3: blob length 2^31-1.
    b.putInt(2 * 16 + 8, 0x7fff_ffff);
    int slot3BlobAt = b.getInt(3 * 16 + 8) * 16;
    b.putInt(slot3BlobAt + 12, 0x7fff_ffff);
    AnalysisResult r = read(db, "Packages.db");
    assertThat(r.packages()).hasSize(33);
    assertThat(r.skipped()).hasSize(2).extracting(s -> s.reason())
        .anySatisfy(reason -> assertThat(reason).contains("outside"))
        .anySatisfy(reason -> assertThat(reason).contains("exceeds"));
  }

  @Test
  void ndbWithRandomCorruptionNeverCrashes() throws IOException {
    fuzz("Packages.db", 80, 8192);
  }

  // ---- SQLite and unknown --------------------------------------------------------------------------------

  @Test
  void sqliteGarbageIsInvalidInput() {
    byte[] db = Fixtures.bytes(DIR + "rpmdb.sqlite");
    byte[] cut = java.util.Arrays.copyOf(db, 5000);
    for (int i = 100; i < cut.length; i++) {
      cut[i] = (byte) (i * 31);
    }
    assertThatThrownBy(() -> read(cut, "rpmdb.sqlite"))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("Tried to read the rpm SQLite database var/lib/rpm/rpmdb.sqlite but failed because:");
  }

  @Test
  void unknownFormatIsInvalidInput() {
    assertThatThrownBy(() -> read("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "Packages"))
        .isInstanceOf(DrydockException.class)
        .hasMessageContaining("neither SQLite, Berkeley DB hash nor NDB");
  }

  // ---- helpers ---------------------------------------------------------------------------------------------

  private void fuzz(String resource, int rounds, int hotRegion) throws IOException {
    byte[] original = Fixtures.bytes(DIR + resource);
    Random rnd = new Random(resource.hashCode());
    int packagesSeen = 0;
    for (int round = 0; round < rounds; round++) {
      byte[] db = original.clone();
      for (int k = 0; k < 1 + rnd.nextInt(20); k++) {
        int at = rnd.nextBoolean() ? rnd.nextInt(hotRegion) : rnd.nextInt(db.length);
        db[at] = (byte) rnd.nextInt(256);
      }
      try {
        AnalysisResult r = read(db, resource);
        packagesSeen += r.packages().size();
      } catch (DrydockException e) {
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(e.getMessage()).doesNotContain("\n");
      }
    }
    assertThat(packagesSeen).isPositive();
  }

  private AnalysisResult read(byte[] content, String name) throws IOException {
    Path file = tmp.resolve("db-" + name);
    Files.write(file, content);
    return RpmAnalyzer.read(file, "var/lib/rpm/" + name);
  }
}
