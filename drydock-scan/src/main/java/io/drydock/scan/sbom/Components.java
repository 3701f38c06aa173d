package io.drydock.scan.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import io.drydock.model.Digest;
import io.drydock.model.ImageMetadata;
import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Sbom;
import io.drydock.model.Skip;
import io.drydock.model.PackageUrl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * SBOM components to model packages (pure). Knows the three producers' spellings of the facts matching needs:
 *
 * <ul>
 *   <li>drydock: {@code drydock:package:*} properties (CycloneDX), {@code key=value} annotations and
 *       {@code sourceInfo} (SPDX), plain fields ({@code drydock.sbom/v1});
 *   <li>Trivy: {@code aquasecurity:trivy:SrcName|SrcVersion|SrcRelease|SrcEpoch|PkgType|LayerDiffID|FilePath}
 *       properties (CycloneDX) or {@code Key: value} annotations (SPDX); the OS as an operating-system component;
 *   <li>Syft: the purl's {@code upstream=SRC[@VERSION]} and {@code distro} qualifiers, {@code syft:package:*},
 *       {@code syft:metadata:source|sourceVersion|originPackage} and {@code syft:location:0:path} properties.
 * </ul>
 */
final class Components {
  private Components() {}

  private static final String TRIVY = "aquasecurity:trivy:";
  private static final Pattern DISTRO = Pattern.compile("^([a-z][a-z0-9_.]*?)-([0-9].*)$");
  private static final Pattern SPDX_SOURCE_INFO = Pattern.compile("^built package from: (\\S+) (\\S+)$");

  /**
   * One component reduced to what matching needs.
   *
   * @param kind CycloneDX component type, or the SPDX primary purpose in the same spelling ({@code library},
   *     {@code operating-system}, {@code container}, …)
   * @param props the producers' properties that matter, first value per name
   */
  record Raw(String kind, @Nullable String name, @Nullable String group, @Nullable String version, @Nullable String purl,
      Map<String, String> props) {}

  static Raw raw(JsonNode n) {
    Map<String, String> props = new LinkedHashMap<>();
    if (n.has("SPDXID")) {
      String purpose = text(n, "primaryPackagePurpose");
      String purl = null;
      for (JsonNode ref : n.path("externalRefs")) {
        if ("purl".equals(text(ref, "referenceType")) && purl == null) {
          purl = text(ref, "referenceLocator");
        }
      }
      int count = 0;
      for (JsonNode a : n.path("annotations")) {
        if (++count > 256) {
          break;
        }
        String comment = text(a, "comment");
        if (comment == null) {
          continue;
        }
        int eq = comment.indexOf('=');
        int colon = comment.indexOf(": ");
        if (comment.startsWith(Properties.PREFIX) && eq > 0) {
          props.putIfAbsent(comment.substring(0, eq), comment.substring(eq + 1));
        } else if (colon > 0 && String.valueOf(text(a, "annotator")).toLowerCase(Locale.ROOT).contains("trivy")) {
          props.putIfAbsent(TRIVY + comment.substring(0, colon), comment.substring(colon + 2));
        }
      }
      String sourceInfo = text(n, "sourceInfo");
      if (sourceInfo != null) {
        Matcher m = SPDX_SOURCE_INFO.matcher(sourceInfo);
        if (m.matches()) {
          props.putIfAbsent(Properties.SOURCE_NAME, m.group(1));
          props.putIfAbsent(Properties.SOURCE_VERSION, m.group(2));
        }
      }
      String kind = purpose == null ? "library" : purpose.toLowerCase(Locale.ROOT);
      return new Raw(kind, text(n, "name"), null, text(n, "versionInfo"), purl, props);
    }
    if (n.has("type") && n.has("purl") && n.has("location") && !n.has("bom-ref") && !n.has("properties")) {
      // drydock.sbom/v1 package
      props.put(Properties.PACKAGE_TYPE, String.valueOf(text(n, "type")));
      putIfText(props, Properties.SOURCE_NAME, text(n, "sourceName"));
      putIfText(props, Properties.SOURCE_VERSION, text(n, "sourceVersion"));
      putIfText(props, Properties.ARCH, text(n, "arch"));
      putIfText(props, Properties.LOCATION, text(n, "location"));
      putIfText(props, Properties.LAYER, text(n, "layer"));
      return new Raw("library", text(n, "name"), null, text(n, "version"), text(n, "purl"), props);
    }
    int count = 0;
    for (JsonNode p : n.path("properties")) {
      if (++count > 256) {
        break;
      }
      String name = text(p, "name");
      String value = text(p, "value");
      if (name != null && value != null
          && (name.startsWith(Properties.PREFIX) || name.startsWith(TRIVY) || name.startsWith("syft:"))) {
        props.putIfAbsent(name, value);
      }
    }
    String kind = text(n, "type");
    return new Raw(kind == null ? "library" : kind, text(n, "name"), text(n, "group"), text(n, "version"), text(n, "purl"), props);
  }

  /** The SBOM of the components: OS from the operating-system component, else from the OS packages' purls. */
  static Sbom toSbom(SbomReader.Format format, List<Raw> components, @Nullable JsonNode metadata, @Nullable JsonNode drydockOs,
      @Nullable JsonNode drydockImage, @Nullable String docName, Path file) {
    OsInfo os = null;
    if (drydockOs != null && text(drydockOs, "family") != null) {
      os = new OsInfo(text(drydockOs, "family").toLowerCase(Locale.ROOT), String.valueOf(text(drydockOs, "version")), text(drydockOs, "prettyName"));
    }
    ImageMetadata rootFromComponents = null;
    for (Raw r : components) {
      if (os == null && r.kind().equals("operating-system") && r.name() != null && !r.name().isBlank()) {
        String family = r.props().getOrDefault(Properties.OS_FAMILY, r.name()).toLowerCase(Locale.ROOT);
        String version = r.props().getOrDefault(Properties.OS_VERSION, r.version() == null ? "" : r.version());
        os = new OsInfo(family, version, null);
      }
      if (rootFromComponents == null && r.kind().equals("container") && format == SbomReader.Format.SPDX) {
        rootFromComponents = image(r.name() == null ? docName : r.name(), r.version(), r.purl(), r.props());
      }
    }
    if (os == null) {
      os = osFromPurls(components);
    }
    List<Package> packages = new ArrayList<>();
    List<Skip> skips = new ArrayList<>();
    for (Raw r : components) {
      if (r.kind().equals("operating-system") || r.kind().equals("container") || r.kind().equals("file")) {
        continue;
      }
      Object p = toPackage(r, os);
      if (p instanceof Package pkg) {
        packages.add(pkg);
      } else if (p instanceof Skip s) {
        skips.add(s);
      }
    }
    ImageMetadata image;
    if (drydockImage != null) {
      List<String> tags = new ArrayList<>();
      drydockImage.path("repoTags").forEach(t -> tags.add(t.asText()));
      image = SbomReader.image(nonNull(text(drydockImage, "name"), file.toString()), digest(text(drydockImage, "manifestDigest")),
          digest(text(drydockImage, "configDigest")), tags);
    } else if (metadata != null && metadata.path("component").isObject()) {
      Raw root = raw(metadata.path("component"));
      image = image(root.name() == null ? file.toString() : root.name(), root.version(), root.purl(), root.props());
    } else if (rootFromComponents != null) {
      image = rootFromComponents;
    } else {
      image = SbomReader.image(docName != null ? docName : file.toString(), null, null, List.of());
    }
    return new Sbom(image, os, packages, skips);
  }

  private static ImageMetadata image(@Nullable String name, @Nullable String version, @Nullable String purl, Map<String, String> props) {
    String imageName = nonNull(props.get(Properties.IMAGE_NAME), nonNull(name, "sbom"));
    Digest manifest = digest(props.get(Properties.MANIFEST_DIGEST));
    if (manifest == null) {
      manifest = digest(version);
    }
    String repoDigest = props.get(TRIVY + "RepoDigest");
    if (manifest == null && repoDigest != null && repoDigest.contains("@")) {
      manifest = digest(repoDigest.substring(repoDigest.indexOf('@') + 1));
    }
    if (manifest == null && purl != null) {
      try {
        PackageUrl u = PackageUrl.parse(purl);
        manifest = u.type().equals("oci") ? digest(u.version()) : null;
      } catch (IllegalArgumentException e) {
        manifest = null;
      }
    }
    Digest config = digest(props.get(Properties.CONFIG_DIGEST));
    if (config == null) {
      config = digest(props.get(TRIVY + "ImageID"));
    }
    List<String> tags = new ArrayList<>();
    for (String key : List.of(Properties.REPO_TAG, TRIVY + "RepoTag")) {
      if (props.containsKey(key)) {
        tags.add(props.get(key));
      }
    }
    return SbomReader.image(imageName, manifest, config, tags);
  }

  /** A package, or a skip saying why the component cannot be matched; null for components that are not packages. */
  static @Nullable Object toPackage(Raw r, @Nullable OsInfo os) {
    String where = r.purl() != null ? r.purl() : (r.name() == null ? "component" : r.name());
    if (r.purl() == null || r.purl().isBlank()) {
      return r.kind().equals("library") || r.kind().equals("framework") ? new Skip(where, "component has no purl; not matched") : null;
    }
    PackageUrl purl;
    try {
      purl = PackageUrl.parse(r.purl());
    } catch (IllegalArgumentException e) {
      return new Skip(where, "unreadable purl: " + e.getMessage());
    }
    Optional<PackageType> type = typeOf(purl.type());
    if (type.isEmpty()) {
      return purl.type().equals("oci") || purl.type().equals("docker") ? null
          : new Skip(where, "purl type " + purl.type() + " is not matched by drydock");
    }
    PackageType t = type.get();
    String name = switch (t) {
      case MAVEN, GOLANG, NPM, NUGET, CARGO, GEM, PYPI, COMPOSER -> purl.namespace() == null ? purl.name()
          : purl.namespace() + (t == PackageType.MAVEN ? ":" : "/") + purl.name();
      default -> purl.name();
    };
    String version = purl.version() != null ? purl.version() : r.version();
    if (version == null || version.isBlank()) {
      return new Skip(where, "package has no version; not matched");
    }
    String epoch = purl.qualifiers().get("epoch");
    if ((t == PackageType.DEB || t == PackageType.RPM) && epoch != null && !epoch.equals("0") && !version.contains(":")) {
      version = epoch + ":" + version;
    }
    Map<String, String> p = r.props();
    String upstream = purl.qualifiers().get("upstream");
    String upstreamName = upstream == null ? null : upstream.contains("@") ? upstream.substring(0, upstream.indexOf('@')) : upstream;
    String upstreamVersion = upstream != null && upstream.contains("@") ? upstream.substring(upstream.indexOf('@') + 1) : null;
    String sourceName = first(p.get(Properties.SOURCE_NAME), p.get(TRIVY + "SrcName"), p.get("syft:metadata:source"),
        p.get("syft:metadata:originPackage"), upstreamName);
    String sourceVersion = first(p.get(Properties.SOURCE_VERSION), trivySourceVersion(p), p.get("syft:metadata:sourceVersion"), upstreamVersion);
    if (name.equals(sourceName)) {
      sourceName = null;
    }
    if (version.equals(sourceVersion)) {
      sourceVersion = null;
    }
    if (!t.isOsPackage()) {
      sourceName = null;
      sourceVersion = null;
    }
    String arch = first(p.get(Properties.ARCH), purl.qualifiers().get("arch"));
    String location = nonNull(first(p.get(Properties.LOCATION), p.get(TRIVY + "FilePath"), p.get("syft:location:0:path")), "sbom");
    Digest layer = digest(first(p.get(Properties.LAYER), p.get(TRIVY + "LayerDiffID"), p.get("syft:location:0:layerID")));
    try {
      return new Package(t, name, version, sourceName, sourceVersion, arch, r.purl(), location, layer, List.of());
    } catch (IllegalArgumentException e) {
      return new Skip(where, e.getMessage());
    }
  }

  /** Trivy splits the source version: {@code [SrcEpoch:]SrcVersion[-SrcRelease]}. */
  private static @Nullable String trivySourceVersion(Map<String, String> p) {
    String v = p.get(TRIVY + "SrcVersion");
    if (v == null || v.isBlank()) {
      return null;
    }
    String release = p.get(TRIVY + "SrcRelease");
    String epoch = p.get(TRIVY + "SrcEpoch");
    String full = release == null || release.isBlank() ? v : v + "-" + release;
    return epoch == null || epoch.isBlank() || epoch.equals("0") ? full : epoch + ":" + full;
  }

  /** The OS named by the first OS package purl's {@code distro} qualifier ({@code debian-12}, {@code 3.20.3}). */
  static @Nullable OsInfo osFromPurls(List<Raw> components) {
    for (Raw r : components) {
      if (r.purl() == null) {
        continue;
      }
      PackageUrl u;
      try {
        u = PackageUrl.parse(r.purl());
      } catch (IllegalArgumentException e) {
        continue;
      }
      String distro = u.qualifiers().get("distro");
      if (distro == null || !(u.type().equals("deb") || u.type().equals("apk") || u.type().equals("rpm"))) {
        continue;
      }
      Matcher m = DISTRO.matcher(distro.toLowerCase(Locale.ROOT));
      if (m.matches()) {
        return new OsInfo(m.group(1), m.group(2), null);
      }
      if (distro.matches("[0-9].*") && u.namespace() != null) {
        return new OsInfo(u.namespace().toLowerCase(Locale.ROOT), distro, null);
      }
    }
    return null;
  }

  static Optional<PackageType> typeOf(String purlType) {
    for (PackageType t : PackageType.values()) {
      if (t.purlType().equals(purlType)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static @Nullable Digest digest(@Nullable String text) {
    if (text == null || !text.contains(":")) {
      return null;
    }
    try {
      return Digest.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @SafeVarargs
  private static <T> @Nullable T first(@Nullable T... values) {
    for (T v : values) {
      if (v != null && !(v instanceof String s && s.isBlank())) {
        return v;
      }
    }
    return null;
  }

  private static String nonNull(@Nullable String s, String fallback) {
    return s == null || s.isBlank() ? fallback : s;
  }

  private static void putIfText(Map<String, String> props, String key, @Nullable String value) {
    if (value != null) {
      props.put(key, value);
    }
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
  }
}
