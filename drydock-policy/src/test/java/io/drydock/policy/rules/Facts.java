package io.drydock.policy.rules;

import io.drydock.model.Digest;
import io.drydock.model.Finding;
import io.drydock.model.ImageConfig;
import io.drydock.model.ImageRef;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Test data: images, packages and findings. */
final class Facts {
  static final Digest D1 = Digest.parse("sha256:" + "1".repeat(64));
  static final Digest D2 = Digest.parse("sha256:" + "2".repeat(64));

  static Package pkg(String name, String version) {
    return new Package(PackageType.values()[0], name, version, null, null, null, "pkg:apk/alpine/" + name + "@" + version,
        "lib/apk/db/installed", null, List.of());
  }

  static Finding finding(String id, Severity s, String pkg, boolean fixed) {
    return new Finding(pkg(pkg, "1.0"), "Alpine:v3.20", id, List.of(), List.of(id), s, null,
        fixed ? Finding.Status.FIXED : Finding.Status.AFFECTED, fixed ? List.of("1.1") : List.of(), null, "osv");
  }

  static ImageConfig config(@Nullable String user, Map<String, String> labels) {
    return new ImageConfig(user, List.of(), List.of("/app"), List.of(), List.of(), null, labels, null, null, List.of());
  }

  static ImageFacts image(String ref, @Nullable String user, List<ImageFacts.FindingFacts> findings, Package... pkgs) {
    ImageRef r = ImageRef.parse(ref);
    return new ImageFacts(ref, r, r.digest() != null ? r.digest() : D1, config(user, Map.of()),
        Instant.parse("2026-11-01T00:00:00Z"), null, List.of(pkgs), findings);
  }

  static ImageFacts.FindingFacts ff(Finding f, @Nullable String fixAvailable) {
    return new ImageFacts.FindingFacts(f, fixAvailable == null ? null : Instant.parse(fixAvailable));
  }

  private Facts() {}
}
