package io.drydock.policy.rules;

import io.drydock.model.Digest;
import io.drydock.model.Finding;
import io.drydock.model.ImageConfig;
import io.drydock.model.ImageRef;
import io.drydock.model.Package;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the policy knows about one image: where it comes from, its config, packages and findings. Built by the
 * caller from a scan (or a stored SBOM scan result); pure data.
 *
 * @param name the image as the user named it ({@code 127.0.0.1:5000/web:1.2}, {@code sbom.cdx.json})
 * @param ref its registry reference, or null (archive, SBOM without one)
 * @param digest the manifest (or index) digest, or null when unknown
 * @param created the config's creation time, or null
 * @param baseImage the declared base image ({@code org.opencontainers.image.base.name}), or null
 */
public record ImageFacts(
    String name,
    @Nullable ImageRef ref,
    @Nullable Digest digest,
    ImageConfig config,
    @Nullable Instant created,
    @Nullable String baseImage,
    List<Package> packages,
    List<FindingFacts> findings) {

  public ImageFacts {
    packages = List.copyOf(packages);
    findings = List.copyOf(findings);
  }

  /** A finding with the time its fix became available (null when no fix is known). */
  public record FindingFacts(Finding finding, @Nullable Instant fixAvailable) {}
}
