package io.drydock.model.event;

import io.drydock.model.Digest;
import io.drydock.model.Severity;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the record stage (the ledger) observes: images seen running or referenced and gone again, SBOMs kept, findings
 * that appear or are fixed when stored SBOMs are re-matched, patches and approvals. Reports and metrics
 * (docs/metrics.md) are computed from these and the other groups' events alone.
 */
public sealed interface LedgerEvent extends DomainEvent {

  /**
   * An inventory entry was seen for the first time, or now points at another digest.
   *
   * @param kind {@code container}, {@code service}, {@code ref} or {@code registry}
   * @param location where: {@code host/container-name}, {@code file:line}, {@code registry/repo:tag}
   * @param image the reference as written or run ({@code nginx:1.27})
   * @param digest the image's manifest digest, null when not known (an unpinned reference in a file)
   * @param service the service it belongs to, null when unknown
   * @param tier the service's criticality tier, null when unknown
   */
  record ImageSeen(String kind, String location, String image, @Nullable Digest digest, @Nullable String service,
      @Nullable String host, @Nullable String tier, Map<String, String> labels) implements LedgerEvent {
    public ImageSeen {
      labels = Map.copyOf(labels);
    }

    @Override
    public String summary() {
      return kind + " " + location + ": " + image + (digest == null ? "" : "@" + digest.shortHex());
    }
  }

  /** An inventory entry seen before was not there at the latest sync (the container stopped, the line went). */
  record ImageGone(String kind, String location, String image, @Nullable Digest digest, @Nullable String service)
      implements LedgerEvent {
    @Override
    public String summary() {
      return kind + " " + location + ": gone (" + image + ")";
    }
  }

  /** An image was analysed once and its SBOM kept; later rescans re-match it without pulling the image. */
  record SbomStored(Digest digest, String image, int packages) implements LedgerEvent {
    @Override
    public String summary() {
      return "stored SBOM of " + image + "@" + digest.shortHex() + " (" + packages + " packages)";
    }
  }

  /**
   * A vulnerability is now known to affect a package of a stored image (first scan, or a new advisory matched on
   * rescan).
   *
   * @param fixedVersions versions that fix it; non-empty means a fix is available from this event on
   */
  record FindingAppeared(Digest digest, String id, String packageName, String version, Severity severity,
      List<String> fixedVersions) implements LedgerEvent {
    public FindingAppeared {
      fixedVersions = List.copyOf(fixedVersions);
    }

    @Override
    public String summary() {
      return "new finding " + id + " (" + severity + ") in " + packageName + "@" + version + " of " + digest.shortHex();
    }
  }

  /** A finding no longer applies to a stored image (the advisory was withdrawn or its range corrected). */
  record FindingFixed(Digest digest, String id, String packageName, String version) implements LedgerEvent {
    @Override
    public String summary() {
      return "finding " + id + " no longer applies to " + packageName + "@" + version + " of " + digest.shortHex();
    }
  }

  /** All stored SBOMs were re-matched against the vulnerability DB. */
  record RescanCompleted(int images, int appeared, int fixed) implements LedgerEvent {
    @Override
    public String summary() {
      return "rescanned " + images + " stored SBOMs: " + appeared + " new findings, " + fixed + " fixed";
    }
  }

  /**
   * A service was moved to a patched image (by drydock or recorded by hand).
   *
   * @param fixes the vulnerability ids the new image no longer carries
   */
  record PatchApplied(String service, Digest from, Digest to, List<String> fixes) implements LedgerEvent {
    public PatchApplied {
      fixes = List.copyOf(fixes);
    }

    @Override
    public String summary() {
      return service + ": patched " + from.shortHex() + " -> " + to.shortHex() + " (" + fixes.size() + " fixes)";
    }
  }

  /** A patch rollout was aborted or undone afterwards: counts against the regression rate. */
  record PatchReverted(String service, Digest from, Digest to, String why) implements LedgerEvent {
    @Override
    public String summary() {
      return service + ": patch " + from.shortHex() + " -> " + to.shortHex() + " reverted: " + why;
    }
  }

  /** Someone approved something a gate asked for (an exception, a rollout of a failing image). */
  record Approved(String subject, String approver, String why) implements LedgerEvent {
    @Override
    public String summary() {
      return approver + " approved " + subject + ": " + why;
    }
  }
}
