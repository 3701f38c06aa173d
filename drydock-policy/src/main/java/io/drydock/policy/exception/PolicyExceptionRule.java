package io.drydock.policy.exception;

import io.drydock.model.Finding;
import io.drydock.policy.Glob;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One exception: this vulnerability in these packages of these images or services is accepted, by this owner,
 * for this reason, until this date.
 *
 * @param vulnerability a CVE (or GHSA, OSV) id; matches a finding's id or any alias
 * @param packages globs over the package name, source package name or purl; empty = any package
 * @param images globs over the image reference; empty = any image
 * @param services globs over the service name; empty = any service
 * @param created when the exception was granted: its length (created to expires) is capped by policy
 * @param expires the last day it suppresses
 */
public record PolicyExceptionRule(
    String id,
    String owner,
    String vulnerability,
    List<Glob> packages,
    List<Glob> images,
    List<Glob> services,
    VexStatus status,
    @Nullable VexJustification justification,
    @Nullable String impactStatement,
    LocalDate created,
    LocalDate expires) {

  public PolicyExceptionRule {
    if (id.isBlank() || owner.isBlank() || vulnerability.isBlank()) {
      throw new IllegalArgumentException("an exception needs an id, an owner and a vulnerability");
    }
    packages = List.copyOf(packages);
    images = List.copyOf(images);
    services = List.copyOf(services);
    if (status == VexStatus.NOT_AFFECTED && justification == null && (impactStatement == null || impactStatement.isBlank())) {
      throw new IllegalArgumentException("status not_affected needs a justification or an impactStatement (OpenVEX)");
    }
    if (expires.isBefore(created)) {
      throw new IllegalArgumentException("expires " + expires + " is before created " + created);
    }
  }

  public boolean expiredOn(LocalDate today) {
    return today.isAfter(expires);
  }

  /** Whether the scope covers the finding in this image and service (expiry aside). */
  public boolean covers(Finding f, String image, @Nullable String service) {
    boolean vuln = f.id().equals(vulnerability) || f.aliases().contains(vulnerability);
    if (!vuln) {
      return false;
    }
    boolean pkg = packages.isEmpty() || Glob.any(packages, f.pkg().name()) || Glob.any(packages, f.pkg().sourceNameOrName())
        || Glob.any(packages, f.pkg().purl());
    boolean img = images.isEmpty() || Glob.any(images, image);
    boolean svc = services.isEmpty() || (service != null && Glob.any(services, service));
    return pkg && img && svc;
  }
}
