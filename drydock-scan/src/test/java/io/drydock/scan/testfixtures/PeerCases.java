package io.drydock.scan.testfixtures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.model.Advisory;
import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Severity;
import io.drydock.scan.match.Ecosystems;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The shared peer cases (resources/peer, facts derived from Trivy's integration goldens; see the README there) and
 * their converters: packages to model packages, advisory rows to OSV (as JSON records and as {@link Advisory}),
 * and the expected findings as comparable strings {@code "ID PKG INSTALLED FIXED|-"}. Shared by the matcher-level
 * test in this module and the CLI-level test in drydock-cli (through the test jar).
 */
public final class PeerCases {
  public static final List<String> NAMES = List.of("alpine-310", "alpine-39", "alpine-39-high-critical", "alpine-39-ignore-cveids",
      "debian-buster", "debian-buster-ignore-unfixed", "debian-stretch");

  private static final ObjectMapper JSON = new ObjectMapper();

  private PeerCases() {}

  public static JsonNode load(String name) {
    try (InputStream in = Objects.requireNonNull(PeerCases.class.getResourceAsStream("/peer/" + name + ".json"), name)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static OsInfo os(JsonNode c) {
    return new OsInfo(c.path("os").path("family").asText(), c.path("os").path("name").asText(), null);
  }

  public static PackageType osPackageType(JsonNode c) {
    return os(c).family().equals("alpine") ? PackageType.APK : PackageType.DEB;
  }

  /** The OSV record of each advisory row: one ECOSYSTEM range from 0 to the fixed version (if any). */
  public static List<ObjectNode> osvRecords(JsonNode c) {
    String eco = Ecosystems.of(osPackageType(c), os(c)).orElseThrow();
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode a : c.get("advisories")) {
      ObjectNode n = JSON.createObjectNode();
      n.put("id", a.get("id").asText() + "@" + a.get("package").asText());
      n.putArray("aliases").add(a.get("id").asText());
      n.put("modified", "2024-01-01T00:00:00Z");
      n.putObject("database_specific").put("severity", Severity.parse(a.path("severity").asText("UNKNOWN")).name());
      ObjectNode affected = n.putArray("affected").addObject();
      affected.putObject("package").put("ecosystem", eco).put("name", a.get("package").asText());
      ObjectNode range = affected.putArray("ranges").addObject();
      range.put("type", "ECOSYSTEM");
      ArrayNode events = range.putArray("events");
      events.addObject().put("introduced", "0");
      if (a.hasNonNull("fixedVersion") && !a.get("fixedVersion").asText().isEmpty()) {
        events.addObject().put("fixed", a.get("fixedVersion").asText());
      }
      out.add(n);
    }
    return out;
  }

  /** The same records as model advisories. */
  public static List<Advisory> advisories(JsonNode c) {
    List<Advisory> out = new ArrayList<>();
    for (ObjectNode n : osvRecords(c)) {
      JsonNode af = n.get("affected").get(0);
      List<Advisory.Event> events = new ArrayList<>();
      for (JsonNode e : af.get("ranges").get(0).get("events")) {
        events.add(e.has("fixed") ? new Advisory.Fixed(e.get("fixed").asText()) : new Advisory.Introduced(e.get("introduced").asText()));
      }
      out.add(new Advisory(n.get("id").asText(), List.of(n.get("aliases").get(0).asText()), null, null, null, null,
          Severity.valueOf(n.get("database_specific").get("severity").asText()), List.of(),
          List.of(new Advisory.Affected(af.get("package").get("ecosystem").asText(), af.get("package").get("name").asText(),
              List.of(new Advisory.Range(Advisory.RangeType.ECOSYSTEM, events)), List.of()))));
    }
    return out;
  }

  /** The case's packages; the version is {@code [epoch:]version[-release]} as dpkg and apk compare it. */
  public static List<Package> packages(JsonNode c) {
    List<Package> out = new ArrayList<>();
    for (JsonNode p : c.get("packages")) {
      PackageType type = p.get("type").asText().equals("apk") ? PackageType.APK : PackageType.DEB;
      String version = fullVersion(p.get("version"), p.get("release"), p.get("epoch"));
      String srcName = p.hasNonNull("srcName") ? p.get("srcName").asText() : null;
      String srcVersion = p.hasNonNull("srcVersion") ? fullVersion(p.get("srcVersion"), p.get("srcRelease"), p.get("srcEpoch")) : null;
      out.add(new Package(type, p.get("name").asText(), version, srcName, srcVersion, null, "pkg:x/y", "db", null, List.of()));
    }
    return out;
  }

  /** The expected findings as {@code "ID PKG INSTALLED FIXED"} ({@code -} when there is no fixed version). */
  public static Set<String> expected(JsonNode c) {
    Set<String> expected = new TreeSet<>();
    for (JsonNode e : c.get("expected")) {
      expected.add(e.get("id").asText() + " " + e.get("pkg").asText() + " " + e.get("installed").asText() + " "
          + (e.hasNonNull("fixed") ? e.get("fixed").asText() : "-"));
    }
    return expected;
  }

  /** The must-not-report pairs as {@code "ID PKG "} prefixes of the strings of {@link #expected}. */
  public static List<String> nonFindingPrefixes(JsonNode c) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : c.get("nonFindings")) {
      out.add(n.get("id").asText() + " " + n.get("pkg").asText() + " ");
    }
    return out;
  }

  public static String fullVersion(JsonNode version, @Nullable JsonNode release, @Nullable JsonNode epoch) {
    String v = version.asText();
    if (release != null && !release.isNull() && !release.asText().isEmpty()) {
      v = v + "-" + release.asText();
    }
    if (epoch != null && !epoch.isNull() && epoch.asInt() != 0) {
      v = epoch.asInt() + ":" + v;
    }
    return v;
  }
}
