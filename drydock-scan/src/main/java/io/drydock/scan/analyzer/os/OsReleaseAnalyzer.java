package io.drydock.scan.analyzer.os;

import io.drydock.image.layer.LayerEntry;
import io.drydock.model.OsInfo;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads OS release files ({@code etc/os-release}, {@code usr/lib/os-release}, {@code etc/lsb-release},
 * {@code etc/alpine-release}, {@code etc/debian_version}, {@code etc/redhat-release} and the other
 * {@code etc/*-release} files of the RHEL and SUSE families) into one {@link OsInfo} per file;
 * {@link OsDetection#merge} combines them for the final view of the image.
 *
 * <p>Only regular files are read. A symlink such as Debian's {@code etc/os-release -> ../usr/lib/os-release}
 * is not followed: its target is itself one of the paths read, and the walker hands over content only for
 * regular files. Files larger than 64 KiB are not release files and are skipped.
 */
public final class OsReleaseAnalyzer implements Analyzer {
  static final int MAX_BYTES = 64 * 1024;
  private static final Set<String> PATHS = new HashSet<>(ReleaseFiles.PATHS);

  public OsReleaseAnalyzer() {}

  @Override
  public String name() {
    return "os-release";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean isRequired(LayerEntry entry) {
    return entry.type() == LayerEntry.Type.FILE && PATHS.contains(entry.path());
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    if (input.entry().type() != LayerEntry.Type.FILE) {
      return AnalysisResult.EMPTY;
    }
    if (input.entry().size() > MAX_BYTES) {
      return new AnalysisResult(
          null, List.of(), List.of(new Skip(input.path(), "release file larger than " + MAX_BYTES + " bytes")));
    }
    byte[] bytes = input.content().readNBytes(MAX_BYTES);
    OsInfo os = ReleaseFiles.parse(input.path(), new String(bytes, StandardCharsets.UTF_8));
    if (os == null) {
      return new AnalysisResult(null, List.of(), List.of(new Skip(input.path(), "no OS name or version in release file")));
    }
    return AnalysisResult.ofOs(os);
  }
}
