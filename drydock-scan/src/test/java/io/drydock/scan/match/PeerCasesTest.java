package io.drydock.scan.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drydock.model.Advisory;
import io.drydock.model.Finding;
import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.scan.testfixtures.PeerCases;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The shared peer cases (facts derived from Trivy's integration goldens, see resources/peer/README.md): their
 * packages and advisories (converted to OSV by {@link PeerCases}) must give exactly the expected findings. The scan
 * flags (ignore-unfixed, severities, ignored ids) are policy, applied here as a plain filter after matching.
 */
class PeerCasesTest {
  static final List<String> CASES = PeerCases.NAMES;

  @ParameterizedTest
  @FieldSource("CASES")
  void peerCase(String name) {
    JsonNode c = PeerCases.load(name);
    OsInfo os = PeerCases.os(c);
    List<Advisory> advisories = PeerCases.advisories(c);
    JsonNode flags = c.get("flags");
    Set<String> severities = new HashSet<>();
    if (flags.hasNonNull("severities")) {
      flags.get("severities").forEach(s -> severities.add(s.asText()));
    }
    Set<String> ignored = new HashSet<>();
    flags.get("ignoreIds").forEach(s -> ignored.add(s.asText()));

    Set<String> actual = new TreeSet<>();
    for (Package pkg : PeerCases.packages(c)) {
      String eco = Ecosystems.of(pkg.type(), os).orElseThrow();
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
    assertThat(actual).as(name).containsExactlyElementsOf(PeerCases.expected(c));
    for (String prefix : PeerCases.nonFindingPrefixes(c)) {
      assertThat(actual).noneMatch(s -> s.startsWith(prefix));
    }
  }
}
