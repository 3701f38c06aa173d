package io.drydock.scan.analyzer.rpm;

import io.drydock.image.layer.LayerEntry;
import io.drydock.model.DrydockException;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import io.drydock.scan.analyzer.ospkg.OsPurls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Installed rpm packages from the three rpm database formats, whatever the file is called: SQLite
 * ({@code rpmdb.sqlite}), Berkeley DB hash ({@code Packages}) and NDB ({@code Packages.db}), in
 * {@code var/lib/rpm/}, {@code usr/lib/sysimage/rpm/} or {@code usr/share/rpm/}. The format is told by the file's
 * magic number. The content is copied to a temporary file under the directory given to the constructor (the
 * formats need random access) and deleted afterwards; files larger than 1 GiB are refused.
 *
 * <p>Version is {@code [epoch:]version-release} (the epoch whenever the header has one); the source package comes
 * from SOURCERPM ({@code name-version-release.src.rpm}), its version with the binary's epoch, as Trivy does.
 * License is the LICENSE tag, kept whole. {@code gpg-pubkey} entries (imported keys, not packages) are left out.
 * A header that cannot be read is a {@link Skip}; a file that is not an rpm database at all is an
 * INVALID_INPUT {@link DrydockException}.
 */
public final class RpmAnalyzer implements Analyzer {
  static final long MAX_DB_BYTES = 1L << 30;
  private static final Set<String> DIRS = Set.of("var/lib/rpm/", "usr/lib/sysimage/rpm/", "usr/share/rpm/");
  private static final Set<String> FILES = Set.of("Packages", "Packages.db", "rpmdb.sqlite");
  private static final Pattern SOURCE_RPM = Pattern.compile("(.+)-([^-]+)-([^-]+)\\.(?:no)?src\\.rpm");

  private final Path tempDir;

  /** @param tempDir where database copies are written while they are read; must exist */
  public RpmAnalyzer(Path tempDir) {
    this.tempDir = Objects.requireNonNull(tempDir, "tempDir");
  }

  @Override
  public String name() {
    return "rpm";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean isRequired(LayerEntry entry) {
    if (entry.type() != LayerEntry.Type.FILE) {
      return false;
    }
    String p = entry.path();
    int slash = p.lastIndexOf('/');
    return slash > 0 && DIRS.contains(p.substring(0, slash + 1)) && FILES.contains(p.substring(slash + 1));
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    String location = input.path();
    if (input.entry().size() > MAX_DB_BYTES) {
      throw DrydockException.invalidInput("Tried to read the rpm database " + location
          + " but failed because: it has " + input.entry().size() + " bytes, more than the limit of " + MAX_DB_BYTES);
    }
    Files.createDirectories(tempDir);
    Path copy = Files.createTempFile(tempDir, "rpmdb-", ".tmp");
    try {
      copyBounded(input.content(), copy, location);
      return read(copy, location);
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  /** Reads a database file of any of the three formats. */
  static AnalysisResult read(Path file, String location) throws IOException {
    byte[] head = new byte[512];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    byte[] h = java.util.Arrays.copyOf(head, n);
    Collector c = new Collector(location);
    if (Sqlite.matches(h)) {
      Sqlite.read(file, location, c);
    } else if (Ndb.matches(h)) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        Ndb.read(ch, location, c);
      }
    } else if (BerkeleyDb.matches(h)) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        BerkeleyDb.read(ch, location, c);
      }
    } else {
      throw DrydockException.invalidInput("Tried to read the rpm database " + location
          + " but failed because: it is neither SQLite, Berkeley DB hash nor NDB");
    }
    return new AnalysisResult(null, c.packages, c.skips);
  }

  private static void copyBounded(InputStream in, Path to, String location) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    try (OutputStream out = Files.newOutputStream(to)) {
      int r;
      while ((r = in.read(buf)) > 0) {
        total += r;
        if (total > MAX_DB_BYTES) {
          throw DrydockException.invalidInput("Tried to read the rpm database " + location
              + " but failed because: it is larger than the limit of " + MAX_DB_BYTES + " bytes");
        }
        out.write(buf, 0, r);
      }
    }
  }

  /** Turns blobs into packages. */
  private static final class Collector implements BlobSink {
    final String location;
    final List<Package> packages = new ArrayList<>();
    final List<Skip> skips = new ArrayList<>();

    Collector(String location) {
      this.location = location;
    }

    @Override
    public void skip(String id, String reason) {
      skips.add(new Skip(id, reason));
    }

    @Override
    public void blob(String id, byte[] blob) {
      RpmHeader h;
      try {
        h = RpmHeader.parse(blob);
      } catch (RpmHeader.InvalidHeaderException e) {
        skips.add(new Skip(id, e.getMessage()));
        return;
      }
      String problem = toPackage(h);
      if (problem != null) {
        skips.add(new Skip(id, problem));
      }
    }

    private @Nullable String toPackage(RpmHeader h) {
      String name = h.string(RpmHeader.TAG_NAME);
      String version = h.string(RpmHeader.TAG_VERSION);
      String release = h.string(RpmHeader.TAG_RELEASE);
      if (name == null || name.isBlank()) {
        return "header without NAME";
      }
      if (name.equals("gpg-pubkey")) {
        return null;
      }
      if (version == null || version.isEmpty() || release == null || release.isEmpty()) {
        return "header of " + name + " without VERSION or RELEASE";
      }
      Long epoch = h.int32(RpmHeader.TAG_EPOCH);
      String epochPrefix = epoch == null ? "" : epoch + ":";
      String full = epochPrefix + version + "-" + release;
      String arch = h.string(RpmHeader.TAG_ARCH);
      if (arch != null && arch.isEmpty()) {
        arch = null;
      }
      String sourceName = null;
      String sourceVersion = null;
      String srpm = h.string(RpmHeader.TAG_SOURCERPM);
      if (srpm != null) {
        Matcher m = SOURCE_RPM.matcher(srpm);
        if (m.matches()) {
          sourceName = m.group(1).equals(name) ? null : m.group(1);
          String sv = epochPrefix + m.group(2) + "-" + m.group(3);
          sourceVersion = sv.equals(full) ? null : sv;
        }
      }
      String license = h.string(RpmHeader.TAG_LICENSE);
      List<String> licenses = license == null || license.isBlank() ? List.of() : List.of(license.trim());
      String purl = OsPurls.of(PackageType.RPM, name, full, arch, sourceName, sourceVersion, null);
      packages.add(new Package(PackageType.RPM, name, full, sourceName, sourceVersion, arch, purl, location, null, licenses));
      return null;
    }
  }
}
