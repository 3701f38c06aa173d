package io.drydock.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.Finding;
import io.drydock.model.ImageConfig;
import io.drydock.model.ImageMetadata;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Sbom;
import io.drydock.model.ScanReport;
import io.drydock.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PolicyTest {
  static final Package MUSL = new Package(PackageType.APK, "musl", "1.2.5-r0", "musl", null, "x86_64",
      "pkg:apk/alpine/musl@1.2.5-r0", "lib/apk/db/installed", null, List.of());

  static ScanReport report(String severities) {
    List<Finding> findings = new ArrayList<>();
    int i = 0;
    for (String s : severities.isBlank() ? new String[0] : severities.split(",")) {
      findings.add(new Finding(MUSL, "Alpine:v3.20", "CVE-2024-" + (1000 + i++), List.of(), List.of("x"), Severity.valueOf(s), null,
          Finding.Status.AFFECTED, List.of(), null, "osv"));
    }
    ImageMetadata image = new ImageMetadata("x", null, null, null, null, null, List.of(), ImageConfig.empty(), List.of());
    return new ScanReport(new Sbom(image, null, List.of(MUSL), List.of()), findings, List.of(), List.of(), null, Instant.EPOCH);
  }

  /** Today's gate: any remaining finding fails with --exit-code N; with 0 it warns and passes. */
  @ParameterizedTest(name = "[{0}] exit {1} -> passed {2}, exit code {3}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                   | 0 | true  | 0 | ''
      ''                   | 1 | true  | 0 | ''
      LOW                  | 0 | true  | 0 | 1 LOW finding remains after the filters
      LOW                  | 1 | false | 1 | 1 LOW finding remains after the filters
      HIGH,LOW,HIGH        | 9 | false | 9 | 2 HIGH findings remain after the filters;1 LOW finding remains after the filters
      UNKNOWN,CRITICAL     | 255 | false | 255 | 1 CRITICAL finding remains after the filters;1 UNKNOWN finding remains after the filters
      """)
  void remainingFindingsFailTheGate(String severities, int exitCode, boolean passed, int expectedExit, String reasons) {
    Policy.Context context = new Policy.Context(exitCode);
    Verdict v = Policy.evaluate(report(severities), context);
    assertThat(v.passed()).isEqualTo(passed);
    assertThat(context.exitCodeOf(v)).isEqualTo(expectedExit);
    assertThat(v.reasons()).extracting(Verdict.Reason::message)
        .containsExactlyElementsOf(reasons.isEmpty() ? List.of() : List.of(reasons.split(";")));
    assertThat(v.reasons()).allSatisfy(r -> {
      assertThat(r.rule()).isEqualTo(Policy.FINDINGS_RULE);
      assertThat(r.action()).isEqualTo(exitCode == 0 ? Verdict.Action.WARN : Verdict.Action.DENY);
    });
  }

  @Test
  void exitCodesOutsideAByteAreRefused() {
    assertThatThrownBy(() -> new Policy.Context(256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Policy.Context(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
