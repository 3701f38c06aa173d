package io.drydock.patch;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Finding;
import io.drydock.model.ImageRef;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Severity;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PatchPlannerTest {
  static final String D = "@sha256:" + "a".repeat(64);
  static final String E = "@sha256:" + "b".repeat(64);
  static final ImageRef SOURCE = ImageRef.parse("127.0.0.1:5000/app:1.0");
  static final ImageRef BASE = ImageRef.parse("alpine:3.20.3");
  static final Finding SSL1 = apk("libssl3", "3.3.2-r0", "CVE-1", Severity.HIGH, "3.3.2-r1");
  static final Finding SSL2 = apk("libssl3", "3.3.2-r0", "CVE-2", Severity.MEDIUM, "3.3.3-r0", "3.3.2-r5");
  static final Finding MUSL = apk("musl", "1.2.5-r0", "CVE-3", Severity.LOW, "1.2.5-r1");
  static final Finding UNFIXED = new Finding(pkg(PackageType.APK, "busybox", "1.36.1-r29"), "Alpine:v3.20", "CVE-4",
      List.of(), List.of(), Severity.CRITICAL, null, Finding.Status.AFFECTED, List.of(), null, "osv");
  static final Finding JAR = new Finding(pkg(PackageType.MAVEN, "org.yaml:snakeyaml", "1.33"), "Maven", "GHSA-1",
      List.of("CVE-5"), List.of(), Severity.HIGH, null, Finding.Status.FIXED, List.of("2.0"), null, "osv");

  static Package pkg(PackageType type, String name, String version) {
    return new Package(type, name, version, null, null, null, "pkg:x/" + name, "lib/apk/db/installed", null, List.of());
  }

  static Finding apk(String name, String version, String id, Severity s, String... fixed) {
    return new Finding(pkg(PackageType.APK, name, version), "Alpine:v3.20", id, List.of(), List.of(), s, null,
        Finding.Status.FIXED, Arrays.asList(fixed), null, "osv");
  }

  static BaseCandidate cand(String ref, String... vulns) {
    return BaseCandidate.scanned(ImageRef.parse(ref), Set.of(vulns));
  }

  static Stream<Arguments> table() {
    List<Finding> all = List.of(SSL1, SSL2, MUSL, UNFIXED, JAR);
    return Stream.of(
        // name, findings, candidates, rebuild, inPlace, minSeverity, expected remedies, fixed, left, introduced
        Arguments.of("base fixes all OS findings", all, List.of(cand("alpine:3.20.6" + D, "CVE-4")), true, true,
            Severity.UNKNOWN, List.of("alpine:3.20.3 -> alpine:3.20.6" + D,
                "Maven org.yaml:snakeyaml 1.33 -> 2.0 (bump it in the build)"),
            Set.of("CVE-1", "CVE-2", "CVE-3"), Set.of("GHSA-1"), Set.of()),
        Arguments.of("best base wins over ranking order", all,
            List.of(cand("alpine:3.20.4" + D, "CVE-2", "CVE-3"), cand("alpine:3.20.6" + E)), true, false,
            Severity.UNKNOWN, List.of("alpine:3.20.3 -> alpine:3.20.6" + E,
                "Maven org.yaml:snakeyaml 1.33 -> 2.0 (bump it in the build)"),
            Set.of("CVE-1", "CVE-2", "CVE-3"), Set.of("GHSA-1"), Set.of()),
        Arguments.of("tie on fixes: fewer introduced", List.of(SSL1),
            List.of(cand("alpine:3.20.4" + D, "CVE-9"), cand("alpine:3.20.5" + E)), true, false,
            Severity.UNKNOWN, List.of("alpine:3.20.3 -> alpine:3.20.5" + E), Set.of("CVE-1"), Set.of(), Set.of()),
        Arguments.of("base that introduces as many as it fixes is refused; in-place instead", List.of(SSL1),
            List.of(cand("alpine:3.20.4" + D, "CVE-9")), true, true, Severity.UNKNOWN,
            List.of("libssl3 3.3.2-r0 -> 3.3.2-r1"), Set.of("CVE-1"), Set.of(), Set.of()),
        Arguments.of("partial base bump, rest in place; one upgrade per package at the highest needed fix", all,
            List.of(cand("alpine:3.20.4" + D, "CVE-1", "CVE-2", "CVE-4")), true, true, Severity.UNKNOWN,
            List.of("alpine:3.20.3 -> alpine:3.20.4" + D, "libssl3 3.3.2-r0 -> 3.3.2-r5",
                "Maven org.yaml:snakeyaml 1.33 -> 2.0 (bump it in the build)"),
            Set.of("CVE-1", "CVE-2", "CVE-3"), Set.of("GHSA-1"), Set.of()),
        Arguments.of("unscanned candidates are never chosen", List.of(SSL1),
            List.of(new BaseCandidate(ImageRef.parse("alpine:3.20.6" + D), Optional.empty())), true, false,
            Severity.UNKNOWN, List.of(), Set.of(), Set.of("CVE-1"), Set.of()),
        Arguments.of("no rebuild: in-place only", List.of(SSL1, MUSL), List.of(cand("alpine:3.20.6" + D)), false, true,
            Severity.UNKNOWN, List.of("libssl3 3.3.2-r0 -> 3.3.2-r1", "musl 1.2.5-r0 -> 1.2.5-r1"),
            Set.of("CVE-1", "CVE-3"), Set.of(), Set.of()),
        Arguments.of("severity floor", List.of(SSL1, SSL2, MUSL), List.of(), false, true, Severity.HIGH,
            List.of("libssl3 3.3.2-r0 -> 3.3.2-r1"), Set.of("CVE-1"), Set.of(), Set.of()),
        Arguments.of("nothing fixable: no-op", List.of(UNFIXED), List.of(cand("alpine:3.20.6" + D)), true, true,
            Severity.UNKNOWN, List.of(), Set.of(), Set.of(), Set.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void plans(String name, List<Finding> findings, List<BaseCandidate> candidates, boolean rebuild, boolean inPlace,
      Severity min, List<String> remedies, Set<String> fixed, Set<String> left, Set<String> introduced) {
    var options = new PlanOptions("Dockerfile", SOURCE, BASE, rebuild, inPlace, min, Set.of(),
        Optional.of(Set.of("CVE-1", "CVE-2", "CVE-3", "CVE-4")));
    PatchPlan plan = PatchPlanner.plan(findings, candidates, options);
    assertThat(plan.remedies()).extracting(Remedy::describe).containsExactlyElementsOf(remedies);
    assertThat(plan.fixed()).isEqualTo(fixed);
    assertThat(plan.left()).isEqualTo(left);
    assertThat(plan.introduced()).isEqualTo(introduced);
    assertThat(plan.isNoop()).isEqualTo(plan.remedies().stream().noneMatch(Remedy::applicable));
  }

  @Test
  void onlyTargetsTheChosenIdsAndTheirAliases() {
    var options = new PlanOptions("app", SOURCE, null, false, true, Severity.UNKNOWN, Set.of("CVE-5", "CVE-3"),
        Optional.empty());
    PatchPlan plan = PatchPlanner.plan(List.of(SSL1, MUSL, JAR), List.of(), options);
    assertThat(plan.targeted()).containsExactlyInAnyOrder("CVE-3", "GHSA-1");
    assertThat(plan.fixed()).containsExactly("CVE-3");
    assertThat(plan.left()).containsExactly("GHSA-1");
    assertThat(plan.newReference()).isNull();
  }

  @Test
  void newReferenceIsThePinnedBase() {
    PatchPlan plan = PatchPlanner.plan(List.of(SSL1), List.of(cand("alpine:3.20.6" + D)),
        PlanOptions.all("Dockerfile", SOURCE, BASE));
    assertThat(plan.newReference()).hasToString("docker.io/library/alpine:3.20.6" + D);
    assertThat(plan.baseBump()).isPresent();
  }
}
