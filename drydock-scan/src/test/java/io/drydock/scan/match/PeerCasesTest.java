package io.drydock.scan.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.Advisory;
import io.drydock.model.Finding;
import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Severity;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared peer cases (facts derived from Trivy's integration goldens, see resources/peer/README.md): their
 * packages and advisories (converted to OSV here) must give exactly the expected findings. The scan flags
 * (ignore-unfixed, severities, ignored ids) are policy, applied here as a plain filter after matching.
 */
class PeerCasesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"alpine-310", "alpine-39", "alpine-39-high-critical", "alpine-39-ignore-cveids", "debian-buster",
        "debian-buster-ignore-unfixed", "debian-stretch"})
  void peerCase(String name) throws Exception {
    JsonNode c;
    try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/peer/" + name + ".json"))) {
      c = new ObjectMapper().readTree(in);
    }
    OsInfo os = new OsInfo(c.path("os").path("family").asText(), c.path("os").path("name").asText(), null);
    List<Advisory> advisories = new ArrayList<>();
    for (JsonNode a : c.get("advisories")) {
      PackageType type = os.family().equals("alpine") ? PackageType.APK : PackageType.DEB;
      String eco = Ecosystems.of(type, os).orElseThrow();
      List<Advisory.Event> events = new ArrayList<>();
      events.add(new Advisory.Introduced("0"));
      if (a.hasNonNull("fixedVersion") && !a.get("fixedVersion").asText().isEmpty()) {
        events.add(new Advisory.Fixed(a.get("fixedVersion").asText()));
      }
      advisories.add(
          new Advisory(
              a.get("id").asText() + "@" + a.get("package").asText(), List.of(a.get("id").asText()), null, null, null, null,
              Severity.parse(a.path("severity").asText("UNKNOWN")), List.of(),
              List.of(new Advisory.Affected(eco, a.get("package").asText(),
                  List.of(new Advisory.Range(Advisory.RangeType.ECOSYSTEM, events)), List.of()))));
    }
    JsonNode flags = c.get("flags");
    Set<String> severities = new HashSet<>();
    if (flags.hasNonNull("severities")) {
      flags.get("severities").forEach(s -> severities.add(s.asText()));
    }
    Set<String> ignored = new HashSet<>();
    flags.get("ignoreIds").forEach(s -> ignored.add(s.asText()));

    Set<String> actual = new TreeSet<>();
    for (JsonNode p : c.get("packages")) {
      PackageType type = p.get("type").asText().equals("apk") ? PackageType.APK : PackageType.DEB;
      String version = fullVersion(p.get("version"), p.get("release"), p.get("epoch"));
      String srcName = p.hasNonNull("srcName") ? p.get("srcName").asText() : null;
      String srcVersion = p.hasNonNull("srcVersion") ? fullVersion(p.get("srcVersion"), p.get("srcRelease"), p.get("srcEpoch")) : null;
      Package pkg = new Package(type, p.get("name").asText(), version, srcName, srcVersion, null, "pkg:x/y", "db", null, List.of());
      String eco = Ecosystems.of(type, os).orElseThrow();
      MatchResult r = Matcher.match(pkg, eco, pkg.sourceNameOrName(), pkg.sourceVersionOrVersion(), advisories);
      assertThat(r.skips()).isEmpty();
      for (Finding f : r.findings()) {
        if (flags.get("ignoreUnfixed").asBoolean() && !f.isFixable()) {
          continue;
        }
        if (!severities.isEmpty() && !severities.contains(f.severity().name())) {
          continue;
        }
        if (ignored.contains(f.id())) {
          continue;
        }
        actual.add(f.id() + " " + pkg.name() + " " + pkg.version() + " " + (f.isFixable() ? String.join(",", f.fixedVersions()) : "-"));
      }
    }
    Set<String> expected = new TreeSet<>();
    for (JsonNode e : c.get("expected")) {
      expected.add(e.get("id").asText() + " " + e.get("pkg").asText() + " " + e.get("installed").asText() + " "
          + (e.hasNonNull("fixed") ? e.get("fixed").asText() : "-"));
    }
    assertThat(actual).as(name).containsExactlyElementsOf(expected);
    for (JsonNode n : c.get("nonFindings")) {
      assertThat(actual).noneMatch(s -> s.startsWith(n.get("id").asText() + " " + n.get("pkg").asText() + " "));
    }
  }

  private static String fullVersion(JsonNode version, JsonNode release, JsonNode epoch) {
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
