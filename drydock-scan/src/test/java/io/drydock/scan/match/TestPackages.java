package io.drydock.scan.match;

import io.drydock.model.Package;
import io.drydock.model.PackageType;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Package records of the fixture images, built directly (the analyzers are tested elsewhere). */
final class TestPackages {
  private TestPackages() {}

  static Path resource(String name) {
    try {
      return Path.of(Objects.requireNonNull(TestPackages.class.getResource(name), name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Package pkg(PackageType type, String name, String version, String source, String location) {
    String purl = "pkg:" + type.purlType() + "/" + name + "@" + version;
    return new Package(type, name, version, source, null, null, purl, location, null, List.of());
  }

  /** localhost/fixtures/lang-packages:1, section 4 of the images README: 5 jars, 24 npm, 4 Python packages. */
  static List<Package> langPackages() {
    String lock = "/app/node/package-lock.json";
    String site = "/usr/lib/python3.12/site-packages/";
    return List.of(
        pkg(PackageType.MAVEN, "org.apache.logging.log4j:log4j-core", "2.14.1", null, "/app/lib/log4j-core-2.14.1.jar"),
        pkg(PackageType.MAVEN, "org.apache.logging.log4j:log4j-api", "2.14.1", null, "/app/lib/log4j-api-2.14.1.jar"),
        pkg(PackageType.MAVEN, "com.fasterxml.jackson.core:jackson-databind", "2.9.10", null, "/app/lib/jackson-databind-2.9.10.jar"),
        pkg(PackageType.MAVEN, "org.springframework:spring-beans", "5.3.17", null, "/app/lib/spring-beans-5.3.17.jar"),
        pkg(PackageType.MAVEN, "org.yaml:snakeyaml", "1.33", null, "/app/lib/snakeyaml-1.33.jar"),
        pkg(PackageType.NPM, "axios", "0.21.1", null, lock),
        pkg(PackageType.NPM, "buffer-equal-constant-time", "1.0.1", null, lock),
        pkg(PackageType.NPM, "ecdsa-sig-formatter", "1.0.11", null, lock),
        pkg(PackageType.NPM, "follow-redirects", "1.16.3", null, lock),
        pkg(PackageType.NPM, "json5", "1.0.1", null, lock),
        pkg(PackageType.NPM, "jsonwebtoken", "8.5.1", null, lock),
        pkg(PackageType.NPM, "jwa", "1.4.2", null, lock),
        pkg(PackageType.NPM, "jws", "3.2.3", null, lock),
        pkg(PackageType.NPM, "lodash", "4.17.15", null, lock),
        pkg(PackageType.NPM, "lodash.includes", "4.3.0", null, lock),
        pkg(PackageType.NPM, "lodash.isboolean", "3.0.3", null, lock),
        pkg(PackageType.NPM, "lodash.isinteger", "4.0.4", null, lock),
        pkg(PackageType.NPM, "lodash.isnumber", "3.0.3", null, lock),
        pkg(PackageType.NPM, "lodash.isplainobject", "4.0.6", null, lock),
        pkg(PackageType.NPM, "lodash.isstring", "4.0.1", null, lock),
        pkg(PackageType.NPM, "lodash.once", "4.1.1", null, lock),
        pkg(PackageType.NPM, "minimist", "1.2.5", null, lock),
        pkg(PackageType.NPM, "moment", "2.29.1", null, lock),
        pkg(PackageType.NPM, "ms", "2.1.3", null, lock),
        pkg(PackageType.NPM, "node-fetch", "2.6.0", null, lock),
        pkg(PackageType.NPM, "qs", "6.5.2", null, lock),
        pkg(PackageType.NPM, "safe-buffer", "5.2.1", null, lock),
        pkg(PackageType.NPM, "semver", "5.7.1", null, lock),
        pkg(PackageType.NPM, "ws", "7.4.5", null, lock),
        pkg(PackageType.PYPI, "requests", "2.28.1", null, site + "requests-2.28.1.egg-info/PKG-INFO"),
        pkg(PackageType.PYPI, "urllib3", "1.26.12", null, site + "urllib3-1.26.12.egg-info/PKG-INFO"),
        pkg(PackageType.PYPI, "Jinja2", "3.1.2", null, site + "Jinja2-3.1.2.egg-info/PKG-INFO"),
        pkg(PackageType.PYPI, "PyYAML", "6.0", null, site + "PyYAML-6.0.dist-info/METADATA"));
  }

  /** localhost/fixtures/alpine:3.20.3, section 2 of the images README: 14 apk packages [origin]. */
  static List<Package> alpinePackages() {
    String db = "lib/apk/db/installed";
    return List.of(
        pkg(PackageType.APK, "alpine-baselayout", "3.6.5-r0", "alpine-baselayout", db),
        pkg(PackageType.APK, "alpine-baselayout-data", "3.6.5-r0", "alpine-baselayout", db),
        pkg(PackageType.APK, "alpine-keys", "2.4-r1", "alpine-keys", db),
        pkg(PackageType.APK, "apk-tools", "2.14.4-r0", "apk-tools", db),
        pkg(PackageType.APK, "busybox", "1.36.1-r29", "busybox", db),
        pkg(PackageType.APK, "busybox-binsh", "1.36.1-r29", "busybox", db),
        pkg(PackageType.APK, "ca-certificates-bundle", "20240705-r0", "ca-certificates", db),
        pkg(PackageType.APK, "libcrypto3", "3.3.2-r0", "openssl", db),
        pkg(PackageType.APK, "libssl3", "3.3.2-r0", "openssl", db),
        pkg(PackageType.APK, "musl", "1.2.5-r0", "musl", db),
        pkg(PackageType.APK, "musl-utils", "1.2.5-r0", "musl", db),
        pkg(PackageType.APK, "scanelf", "1.3.7-r2", "pax-utils", db),
        pkg(PackageType.APK, "ssl_client", "1.36.1-r29", "busybox", db),
        pkg(PackageType.APK, "zlib", "1.3.1-r1", "zlib", db));
  }

  static String ecosystem(Package p) {
    return switch (p.type()) {
      case MAVEN -> "Maven";
      case NPM -> "npm";
      case PYPI -> "PyPI";
      case APK -> "Alpine:v3.20";
      default -> throw new IllegalArgumentException(p.type().toString());
    };
  }
}
