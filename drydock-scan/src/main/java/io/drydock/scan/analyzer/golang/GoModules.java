package io.drydock.scan.analyzer.golang;

import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.PackageUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns a binary's Go version and module info ({@code go version -m} text) into packages. Pure.
 *
 * <ul>
 *   <li>{@code mod} (main module): reported when it has a real version; {@code (devel)} — what every
 *       {@code go build} of a checkout gives — is omitted, it names no release to match.
 *   <li>{@code dep}: one package each. A following {@code =>} line replaces it with the replacement's path and
 *       version, unless the replacement is a local directory (no version), in which case the required
 *       path@version is kept: that is the identity the code claims and advisories are keyed by.
 *   <li>{@code stdlib}: the Go toolchain's standard library, version {@code v} + the Go version
 *       ({@code go1.19.8} → {@code v1.19.8}); omitted for development toolchains.
 * </ul>
 */
final class GoModules {
  private static final Pattern GO_RELEASE = Pattern.compile("go(\\d+(?:\\.\\d+)*(?:(?:rc|beta)\\d+)?)");

  private GoModules() {}

  private record Module(String path, String version) {}

  static List<Package> packages(String goVersion, String modInfo, String location) {
    List<Package> out = new ArrayList<>();
    Module main = null;
    List<Module> deps = new ArrayList<>();
    // the module a "=>" line replaces: the last mod or dep line
    int lastKind = 0; // 0 none, 1 main, 2 dep
    for (String line : modInfo.split("\n")) {
      String[] f = line.split("\t", -1);
      switch (f[0]) {
        case "mod" -> {
          main = module(f);
          lastKind = main == null ? 0 : 1;
        }
        case "dep" -> {
          Module d = module(f);
          if (d != null && !d.version().isEmpty()) {
            deps.add(d);
            lastKind = 2;
          } else {
            lastKind = 0;
          }
        }
        case "=>" -> {
          Module r = module(f);
          if (r != null && !isLocal(r)) {
            if (lastKind == 1) {
              main = r;
            } else if (lastKind == 2) {
              deps.set(deps.size() - 1, r);
            }
          }
          lastKind = 0;
        }
        default -> lastKind = 0;
      }
    }
    if (main != null && isRelease(main.version())) {
      out.add(toPackage(main, location));
    }
    for (Module d : deps) {
      if (isRelease(d.version())) {
        out.add(toPackage(d, location));
      }
    }
    String std = stdlibVersion(goVersion);
    if (std != null) {
      out.add(toPackage(new Module("stdlib", std), location));
    }
    return out;
  }

  /** {@code go1.19.8} → {@code v1.19.8}; {@code go1.22.0 X:boringcrypto} → {@code v1.22.0}; devel → null. */
  static @Nullable String stdlibVersion(String goVersion) {
    String first = goVersion.strip().split("\\s+", 2)[0];
    var m = GO_RELEASE.matcher(first);
    return m.matches() ? "v" + m.group(1) : null;
  }

  private static @Nullable Module module(String[] fields) {
    if (fields.length < 2 || fields[1].isBlank()) {
      return null;
    }
    return new Module(fields[1].strip(), fields.length > 2 ? fields[2].strip() : "");
  }

  private static boolean isLocal(Module m) {
    String p = m.path();
    return p.startsWith("./") || p.startsWith("../") || p.startsWith("/") || p.equals(".") || p.equals("..")
        || !isRelease(m.version());
  }

  private static boolean isRelease(String version) {
    return !version.isEmpty() && !version.equals("(devel)") && version.indexOf(' ') < 0;
  }

  private static Package toPackage(Module m, String location) {
    int slash = m.path().lastIndexOf('/');
    String namespace = slash < 0 ? null : m.path().substring(0, slash);
    String name = m.path().substring(slash + 1);
    return new Package(PackageType.GOLANG, m.path(), m.version(), null, null, null,
        PackageUrl.of(PackageType.GOLANG.purlType(), namespace, name, m.version()).toString(), location, null,
        List.of());
  }
}
