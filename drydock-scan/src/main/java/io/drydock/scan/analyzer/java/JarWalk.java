package io.drydock.scan.analyzer.java;

import io.drydock.image.stream.CountingFilterInputStream;
import io.drydock.model.Package;
import io.drydock.model.Skip;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Reads one top-level Java archive as a stream (no temp files, no random access), following nested archives
 * recursively, and identifies every archive in it. One instance per top-level archive: it carries the byte and
 * entry budgets shared by all nesting levels.
 */
final class JarWalk {
  private static final Pattern POM_PROPERTIES = Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.properties");

  private final JarLimits limits;
  private final Map<String, Package> packages = new LinkedHashMap<>();
  private final List<Skip> skipped = new ArrayList<>();
  private long totalBytes;
  private long totalEntries;

  JarWalk(JarLimits limits) {
    this.limits = limits;
  }

  /** Thrown when a budget is exhausted; ends the whole top-level archive. */
  static final class LimitExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceeded(String message) {
      super(message);
    }
  }

  /** Walks the top-level archive at {@code location}; never throws for bad content, it records skips. */
  JarWalk walkTop(InputStream in, String location) {
    try {
      walk(in, location, 0);
    } catch (LimitExceeded e) {
      skipped.add(new Skip(location, e.getMessage()));
    } catch (IOException | RuntimeException e) {
      // RuntimeException too: a crafted archive can trip the zip reader's own checks; one archive must not
      // end the scan of the image.
      skipped.add(new Skip(location, "corrupt archive: " + oneLine(e)));
    }
    return this;
  }

  List<Package> packages() {
    return List.copyOf(packages.values());
  }

  List<Skip> skipped() {
    return List.copyOf(skipped);
  }

  private void walk(InputStream in, String location, int depth) throws IOException {
    Optional<JarFileName> fileName = JarFileName.parse(location);
    Map<String, String> manifest = Map.of();
    boolean foundOwnPom = false;
    int packagesBefore = packages.size();
    try (ZipArchiveInputStream zip = new ZipArchiveInputStream(CloseShieldInputStream.wrap(in), "UTF-8", true, true)) {
      ZipArchiveEntry e;
      while ((e = zip.getNextEntry()) != null) {
        if (++totalEntries > limits.maxEntries()) {
          throw new LimitExceeded("zip bomb: more than " + limits.maxEntries() + " entries");
        }
        if (e.isDirectory() || !zip.canReadEntryData(e)) {
          continue;
        }
        String name = e.getName();
        Guard entry = new Guard(zip, location + "!/" + name);
        if (POM_PROPERTIES.matcher(name).matches()) {
          byte[] bytes = entry.readMeta(limits.maxMetaBytes());
          Optional<Gav> gav = bytes == null ? Optional.empty() : pomProperties(bytes);
          if (gav.isPresent()) {
            add(gav.get().toPackage(location));
            foundOwnPom |= fileName.map(f -> matches(f, gav.get())).orElse(false);
          } else {
            skipped.add(new Skip(location + "!/" + name, "pom.properties without valid groupId, artifactId, version"));
          }
        } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
          byte[] bytes = entry.readMeta(limits.maxMetaBytes());
          manifest = bytes == null ? Map.of() : manifest(bytes);
        } else if (JarFileName.isArchive(name)) {
          String nested = location + "!/" + name;
          if (depth + 1 > limits.maxDepth()) {
            skipped.add(new Skip(nested, "archive nested deeper than " + limits.maxDepth()));
          } else {
            walkNested(entry, nested, depth + 1);
          }
        }
        entry.drain();
      }
    }
    if (!foundOwnPom) {
      Optional<Gav> own = ManifestRules.identify(manifest, fileName.orElse(null));
      if (own.isPresent()) {
        add(own.get().toPackage(location));
      } else if (packages.size() == packagesBefore) {
        skipped.add(new Skip(location, "archive not identified: no pom.properties and no groupId in MANIFEST.MF"));
      }
    }
  }

  private void walkNested(Guard entry, String nested, int depth) throws IOException {
    try {
      walk(entry, nested, depth);
    } catch (LimitExceeded e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // The nested archive is broken; the enclosing one goes on with its next entry.
      skipped.add(new Skip(nested, "corrupt archive: " + oneLine(e)));
    }
  }

  private static boolean matches(JarFileName f, Gav gav) {
    return f.artifactId().equals(gav.artifactId()) && (f.version() == null || f.version().equals(gav.version()));
  }

  private void add(Package p) {
    packages.putIfAbsent(p.name() + "@" + p.version() + "@" + p.location(), p);
  }

  static Optional<Gav> pomProperties(byte[] bytes) throws IOException {
    Properties props = new Properties();
    try {
      props.load(new ByteArrayInputStream(bytes));
    } catch (IllegalArgumentException malformedEscape) {
      return Optional.empty();
    }
    return Gav.of(props.getProperty("groupId"), props.getProperty("artifactId"), props.getProperty("version"));
  }

  static Map<String, String> manifest(byte[] bytes) {
    Manifest m;
    try {
      m = new Manifest(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException malformed) {
      return Map.of(); // a broken manifest identifies nothing; the file name may still do
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<Object, Object> e : m.getMainAttributes().entrySet()) {
      out.put(((Attributes.Name) e.getKey()).toString(), String.valueOf(e.getValue()));
    }
    return out;
  }

  private static String oneLine(Exception e) {
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof RuntimeException) {
      msg = e.getClass().getSimpleName() + ": " + msg;
    }
    return msg.replaceAll("\\s+", " ");
  }

  /**
   * The current entry's data, counted against the shared byte budget and checked against the inflation ratio
   * (compressed bytes come from the zip stream's own statistics).
   */
  private final class Guard extends CountingFilterInputStream {
    private final ZipArchiveInputStream zip;
    private final String where;
    private long produced;

    Guard(ZipArchiveInputStream zip, String where) {
      super(zip);
      this.zip = zip;
      this.where = where;
    }

    @Override
    protected void counted(long n) throws LimitExceeded {
      produced += n;
      totalBytes += n;
      if (totalBytes > limits.maxTotalBytes()) {
        throw new LimitExceeded("zip bomb: more than " + limits.maxTotalBytes() + " uncompressed bytes");
      }
      if (produced > limits.ratioGraceBytes()) {
        long compressed = zip.getCompressedCount();
        if (compressed <= 0 || produced / compressed > limits.maxRatio()) {
          throw new LimitExceeded("zip bomb: " + where + " inflates more than " + limits.maxRatio() + ":1");
        }
      }
    }

    /** The entry's reader is the walk's; closing an entry closes nothing. */
    @Override
    public void close() {
      // the walk owns the zip stream
    }

    /** The whole entry, or null (with a skip recorded) when it is larger than {@code max}. */
    byte @Nullable [] readMeta(int max) throws IOException {
      byte[] bytes = readNBytes(max + 1);
      if (bytes.length > max) {
        skipped.add(new Skip(where, "larger than " + max + " bytes"));
        return null;
      }
      return bytes;
    }

    void drain() throws IOException {
      byte[] buf = new byte[8192];
      while (read(buf, 0, buf.length) >= 0) {
        // counted and checked in read
      }
    }
  }
}
