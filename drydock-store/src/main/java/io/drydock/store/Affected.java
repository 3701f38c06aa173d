package io.drydock.store;

import io.drydock.model.Digest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * One place that carries a vulnerability or a package: an inventory entry (container, service file, repo file,
 * registry tag) whose image is a stored SBOM that matches, or the stored image itself when nothing in the inventory
 * points at it ({@code kind = image}).
 *
 * @param matches what matched: findings ({@code CVE-… in openssl@3.0.1 (HIGH, fixed in 3.0.2)}) or package versions
 */
public record Affected(String kind, String location, String image, Digest digest, @Nullable String service,
    @Nullable String host, @Nullable String tier, boolean present, List<String> matches) {
  public Affected {
    matches = List.copyOf(matches);
  }

  /** {@code CVE-ID} (or any advisory id or alias) or {@code PACKAGE[@VERSION]}. */
  public record Query(@Nullable String vulnerability, @Nullable String packageName, @Nullable String version) {
    private static final java.util.regex.Pattern VULN =
        java.util.regex.Pattern.compile("(CVE|GHSA|DSA|DLA|ALSA|RUSTSEC|PYSEC|GO|OSV|USN|RHSA|ALPINE)-.+", java.util.regex.Pattern.CASE_INSENSITIVE);

    public static Query parse(String text) {
      if (text.isBlank()) {
        throw new IllegalArgumentException("empty query: give a vulnerability id (CVE-2024-1234) or PACKAGE[@VERSION]");
      }
      if (VULN.matcher(text).matches()) {
        String upper = text.startsWith("GHSA-") || text.startsWith("ghsa-") ? "GHSA-" + text.substring(5).toLowerCase(java.util.Locale.ROOT)
            : text.toUpperCase(java.util.Locale.ROOT);
        return new Query(upper, null, null);
      }
      int at = text.lastIndexOf('@');
      if (at > 0) {
        return new Query(null, text.substring(0, at), text.substring(at + 1));
      }
      return new Query(null, text, null);
    }
  }

  static List<Affected> find(Handle h, Query q) {
    Map<String, List<String>> matches = new java.util.HashMap<>();
    if (q.vulnerability() != null) {
      Sboms.findingsById(h, q.vulnerability()).forEach((digest, fs) -> matches.put(digest, fs.stream()
          .map(f -> f.id() + " in " + f.packageName() + "@" + f.version() + " (" + f.severity()
              + (f.fixedVersions().isEmpty() ? ", no fix" : ", fixed in " + String.join(" ", f.fixedVersions())) + ")")
          .sorted().toList()));
    } else if (q.packageName() != null) {
      Sboms.byPackage(h, q.packageName(), q.version()).forEach((digest, versions) -> matches.put(digest,
          versions.stream().distinct().sorted().map(v -> q.packageName() + "@" + v).toList()));
    }
    if (matches.isEmpty()) {
      return List.of();
    }
    List<Affected> out = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    boolean byAlias = q.vulnerability() != null && matches.values().stream().flatMap(List::stream)
        .noneMatch(m -> m.startsWith(q.vulnerability() + " "));
    for (InventoryEntry e : Inventories.carrying(h, q, byAlias)) {
      if (e.digest() == null || !matches.containsKey(e.digest().toString())) {
        continue;
      }
      placed.add(e.digest().toString());
      out.add(new Affected(e.kind(), e.location(), e.image(), e.digest(), e.service(), e.host(), e.tier(), e.present(),
          matches.get(e.digest().toString())));
    }
    Map<String, String> images = placed.size() == matches.size() ? Map.of() : Sboms.images(h);
    for (Map.Entry<String, List<String>> m : matches.entrySet()) {
      if (!placed.contains(m.getKey())) {
        out.add(new Affected("image", images.getOrDefault(m.getKey(), m.getKey()), images.getOrDefault(m.getKey(), ""),
            Digest.parse(m.getKey()), null, null, null, false, m.getValue()));
      }
    }
    out.sort(Comparator.comparing((Affected a) -> !a.present()).thenComparing(Affected::kind).thenComparing(Affected::location));
    return out;
  }
}
