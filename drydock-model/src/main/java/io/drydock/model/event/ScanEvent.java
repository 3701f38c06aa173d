package io.drydock.model.event;

import io.drydock.model.Digest;
import io.drydock.model.Severity;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the scan stage reports. */
public sealed interface ScanEvent extends DomainEvent {

  /**
   * A scan finished.
   *
   * @param target what was scanned, as the user named it
   * @param manifest the image's manifest digest, null for an SBOM without one
   * @param packages packages in the SBOM
   * @param counts findings after the filters, by severity (every severity present, zeros included)
   */
  record ScanCompleted(String target, @Nullable Digest manifest, int packages, Map<Severity, Integer> counts) implements ScanEvent {
    public ScanCompleted {
      counts = Map.copyOf(counts);
    }

    @Override
    public String summary() {
      int total = counts.values().stream().mapToInt(Integer::intValue).sum();
      return "scanned " + target + ": " + packages + " packages, " + total + " findings";
    }
  }

  /**
   * A finding remains after the scan's filters (severity, unfixed, ignore rules, VEX): the vulnerability is in
   * this image's package, and nothing the user gave suppresses it.
   *
   * @param target what was scanned, as the user named it
   * @param manifest the image's manifest digest, null for an SBOM without one
   * @param vulnerability the vulnerability id ({@code CVE-2024-1234}, {@code GHSA-…})
   * @param purl the affected package's package URL
   * @param version the installed version
   * @param fixedVersion the lowest version that fixes it, null when no fix is known
   */
  record FindingAppeared(String target, @Nullable Digest manifest, String vulnerability, String purl, String version,
      Severity severity, @Nullable String fixedVersion) implements ScanEvent {
    @Override
    public String summary() {
      return target + ": " + vulnerability + " (" + severity + ") in " + purl
          + (fixedVersion == null ? ", no fix yet" : ", fixed in " + fixedVersion);
    }
  }
}
