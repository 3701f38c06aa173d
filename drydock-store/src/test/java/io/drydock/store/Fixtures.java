package io.drydock.store;

import io.drydock.model.Digest;
import io.drydock.model.ImageConfig;
import io.drydock.model.ImageMetadata;
import io.drydock.model.ImageRef;
import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Sbom;
import io.drydock.model.Severity;
import java.nio.charset.StandardCharsets;
import java.util.List;

final class Fixtures {
  private Fixtures() {}

  static Digest digest(String seed) {
    return Digest.sha256(seed.getBytes(StandardCharsets.UTF_8));
  }

  static Package pkg(String name, String version) {
    return new Package(PackageType.APK, name, version, null, null, "x86_64", "pkg:apk/alpine/" + name + "@" + version,
        "lib/apk/db/installed", digest("layer"), List.of("MIT"));
  }

  static Sbom sbom(String image, Package... packages) {
    ImageMetadata meta = new ImageMetadata(image, ImageRef.parse(image), null, digest(image), digest("cfg" + image), null,
        List.of(), ImageConfig.empty(), List.of(image));
    return new Sbom(meta, null, List.of(packages), List.of());
  }

  static StoredFinding finding(String id, String pkg, String version, Severity s, String... fixed) {
    return new StoredFinding(id, pkg, version, s, List.of(fixed), List.of());
  }

  @SuppressWarnings("unused")
  private static OsInfo unused() {
    throw new UnsupportedOperationException();
  }
}
