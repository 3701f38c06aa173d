package io.drydock.scan.testfixtures;

import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Package;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Runs an analyzer over every layer of an OCI archive on the test class path, the way the layer walker will:
 * each gzip layer blob is read once and each required regular file is handed over with exactly its bytes.
 */
public final class OciArchiveFixture {
  public static final String LANG_PACKAGES = "/images/lang-packages.oci.tar";

  private OciArchiveFixture() {}

  /** All packages and skips, in layer order then entry order. */
  public static AnalysisResult analyze(String resource, Analyzer analyzer) {
    List<Package> packages = new ArrayList<>();
    List<Skip> skipped = new ArrayList<>();
    try (InputStream raw = OciArchiveFixture.class.getResourceAsStream(resource);
        TarArchiveInputStream archive = new TarArchiveInputStream(new BufferedInputStream(raw))) {
      TarArchiveEntry blob;
      while ((blob = archive.getNextEntry()) != null) {
        if (!blob.isFile() || !blob.getName().startsWith("blobs/")) {
          continue;
        }
        BufferedInputStream in = new BufferedInputStream(new NonClosing(archive));
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        if (!gzip) {
          continue;
        }
        TarArchiveInputStream layer = new TarArchiveInputStream(new GzipCompressorInputStream(in));
        TarArchiveEntry e;
        while ((e = layer.getNextEntry()) != null) {
          LayerEntry entry = new LayerEntry(normalise(e.getName()), type(e), e.getSize(), e.getMode(),
              e.isSymbolicLink() || e.isLink() ? e.getLinkName() : null, e.getLongUserId(), e.getLongGroupId());
          if (analyzer.isRequired(entry)) {
            AnalysisResult r = analyzer.analyze(new AnalysisInput(entry, new NonClosing(layer)));
            packages.addAll(r.packages());
            skipped.addAll(r.skipped());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new AnalysisResult(null, packages, skipped);
  }

  private static String normalise(String name) {
    String s = name;
    while (s.startsWith("./") || s.startsWith("/")) {
      s = s.substring(s.startsWith("./") ? 2 : 1);
    }
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static LayerEntry.Type type(TarArchiveEntry e) {
    if (e.isDirectory()) {
      return LayerEntry.Type.DIRECTORY;
    }
    if (e.isSymbolicLink()) {
      return LayerEntry.Type.SYMLINK;
    }
    if (e.isLink()) {
      return LayerEntry.Type.HARDLINK;
    }
    return e.isFile() ? LayerEntry.Type.FILE : LayerEntry.Type.OTHER;
  }

  /** Analyzers must not close the walker's stream; this makes a test fail loudly if one tries. */
  public static final class NonClosing extends FilterInputStream {
    public NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      throw new AssertionError("an analyzer closed the content stream it was given");
    }
  }
}
