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
}
