package io.drydock.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.policy.filter.IgnoreFiles;
import io.drydock.policy.filter.IgnoreRule;
import io.drydock.policy.filter.OpenVex;
import io.drydock.policy.filter.VexStatement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ignore-file and VEX formats, read from files as a scan does (the parsers are drydock-policy's). */
class CriteriaFilesTest {
  @TempDir Path tmp;

  @Test
  void trivyIgnoreLinesWithCommentsAndExpiry() throws IOException {
    Path file = tmp.resolve(".trivyignore");
    Files.writeString(file, """
        # Accept the risk
        CVE-2018-14618

        CVE-2019-14697 exp:2023-01-01   # musl, until the base image moves
          GHSA-jfh8-c2jp-5v3q
        """);
    List<IgnoreRule> rules = CriteriaFiles.ignoreRules(file);
    assertThat(rules).extracting(IgnoreRule::id, IgnoreRule::expires, IgnoreRule::source, IgnoreRule::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("CVE-2018-14618", null, ".trivyignore:2", "ignorefile"),
        org.assertj.core.groups.Tuple.tuple("CVE-2019-14697", LocalDate.parse("2023-01-01"), ".trivyignore:4", "ignorefile"),
        org.assertj.core.groups.Tuple.tuple("GHSA-jfh8-c2jp-5v3q", null, ".trivyignore:5", "ignorefile"));
  }

  @Test
  void trivyIgnoreYaml() throws IOException {
    Path file = tmp.resolve(".trivyignore.yaml");
    Files.writeString(file, """
        vulnerabilities:
          - id: CVE-2022-40897
            paths:
              - "usr/local/lib/python3.9/site-packages/setuptools-58.1.0.dist-info/METADATA"
            statement: Accept the risk
          - id: CVE-2023-2650
          - id: CVE-2023-3446
            purls:
              - "pkg:deb/debian/libssl1.1"
            expired_at: 2023-09-01
        misconfigurations:
          - id: AVD-DS-0001
        """);
    List<IgnoreRule> rules = CriteriaFiles.ignoreRules(file);
    assertThat(rules).hasSize(3);
    assertThat(rules.get(0).paths()).containsExactly("usr/local/lib/python3.9/site-packages/setuptools-58.1.0.dist-info/METADATA");
    assertThat(rules.get(0).statement()).isEqualTo("Accept the risk");
    assertThat(rules.get(2).purls()).containsExactly("pkg:deb/debian/libssl1.1");
    assertThat(rules.get(2).expires()).isEqualTo(LocalDate.parse("2023-09-01"));
    assertThat(rules.get(2).source()).isEqualTo(".trivyignore.yaml vulnerabilities[3] CVE-2023-3446");
  }

  @Test
  void drydockExceptions() throws IOException {
    Path file = tmp.resolve("exceptions.yaml");
    Files.writeString(file, """
        exceptions:
          - id: CVE-2024-9143
            package: openssl
            owner: platform-team@example.com
            justification: Only reachable through explicit EC curve parameters, which our services never accept.
            expires: 2026-12-31
          - id: CVE-2021-44228
            purl: pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1
            paths: ["app/lib/*.jar"]
            owner: app-team@example.com
            justification: JNDI lookups disabled with log4j2.formatMsgNoLookups=true until the upgrade ships.
            expires: 2026-07-01
        """);
    List<IgnoreRule> rules = CriteriaFiles.ignoreRules(file);
    assertThat(rules).extracting(IgnoreRule::id, IgnoreRule::packageName, IgnoreRule::owner, IgnoreRule::expires, IgnoreRule::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("CVE-2024-9143", "openssl", "platform-team@example.com", LocalDate.parse("2026-12-31"), "exception"),
            org.assertj.core.groups.Tuple.tuple("CVE-2021-44228", null, "app-team@example.com", LocalDate.parse("2026-07-01"), "exception"));
    assertThat(rules.get(1).purls()).containsExactly("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
    assertThat(rules.get(1).statement()).startsWith("JNDI lookups disabled");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    ".trivyignore       | CVE-1 exp:2023-13-45                                     | .trivyignore:1 but failed because: '2023-13-45' is not a date",
    "x.yaml             | 'exceptions: [{id: CVE-1, owner: a, justification: b}]'  | x.yaml exceptions[1] but failed because: 'expires' is required",
    "x.yaml             | 'exceptions: [{id: CVE-1, owner: a, justification: b, expires: 2026-01-01, expiry: 1}]' | unknown key 'expiry'",
    "x.yaml             | 'exceptions: [{id: CVE-1, justification: b, expires: 2026-01-01}]' | 'owner' is required",
    "x.yaml             | 'vulnerabilities: {id: CVE-1}'                           | 'vulnerabilities' is not a list",
    "x.yaml             | '- a\n- b'                                               | the top level is not a mapping",
    "x.yaml             | 'vulnerabilities: [id: x: y]'                            | it is not valid YAML",
  })
  void malformedFilesAreOneLineInvalidInput(String name, String content, String message) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, content.replace("\\n", "\n"));
    assertThatThrownBy(() -> CriteriaFiles.ignoreRules(file)).isInstanceOfSatisfying(DrydockException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
      assertThat(e.getMessage()).contains(message).doesNotContain("\n");
    });
  }

  @Test
  void oversizedFileIsRefused() throws IOException {
    Path file = tmp.resolve(".trivyignore");
    Files.writeString(file, "CVE-2020-0001\n".repeat(IgnoreFiles.MAX_BYTES / 14 + 1));
    assertThatThrownBy(() -> CriteriaFiles.ignoreRules(file)).hasMessageContaining("larger than");
  }

  @Test
  void missingFileIsNotFound() {
    assertThatThrownBy(() -> CriteriaFiles.ignoreRules(tmp.resolve("nope")))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void openVexBothSpellings() {
    List<VexStatement> v2 = OpenVex.parse("""
        {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex-1", "author": "Security Team",
         "timestamp": "2026-01-01T00:00:00Z", "version": 1, "statements": [
          {"vulnerability": {"name": "CVE-2021-44228", "aliases": ["GHSA-jfh8-c2jp-5v3q"]},
           "products": [{"@id": "pkg:oci/app@sha256%3Aabc", "subcomponents": [{"@id": "pkg:maven/org.apache.logging.log4j/log4j-core"}]}],
           "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}
        """, "app.vex.json");
    assertThat(v2).singleElement().satisfies(s -> {
      assertThat(s.vulnerabilities()).containsExactly("CVE-2021-44228", "GHSA-jfh8-c2jp-5v3q");
      assertThat(s.products()).containsExactly(new VexStatement.Product("pkg:oci/app@sha256%3Aabc", List.of("pkg:maven/org.apache.logging.log4j/log4j-core")));
      assertThat(s.status()).isEqualTo(VexStatement.Status.NOT_AFFECTED);
      assertThat(s.source()).isEqualTo("app.vex.json#1");
    });
    List<VexStatement> v0 = OpenVex.parse("""
        {"statements": [{"vulnerability": "CVE-2024-9143", "products": ["pkg:apk/alpine/libssl3"], "status": "fixed"}]}
        """, "old.json");
    assertThat(v0).singleElement().satisfies(s -> {
      assertThat(s.products()).containsExactly(new VexStatement.Product("pkg:apk/alpine/libssl3", List.of()));
      assertThat(s.status()).isEqualTo(VexStatement.Status.FIXED);
    });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "'{\"statements\": [{\"vulnerability\": \"CVE-1\", \"products\": [\"pkg:npm/a\"], \"status\": \"maybe\"}]}' | status 'maybe'",
    "'{\"statements\": [{\"products\": [\"pkg:npm/a\"], \"status\": \"fixed\"}]}'                              | names no vulnerability",
    "'{\"statements\": [{\"vulnerability\": \"CVE-1\", \"status\": \"fixed\"}]}'                               | names no product",
    "'{\"document\": 1}'                                                                                       | no 'statements' list",
    "'{'                                                                                                       | not valid JSON",
  })
  void malformedVexIsInvalidInput(String json, String message) {
    assertThatThrownBy(() -> OpenVex.parse(json, "v.json")).isInstanceOfSatisfying(DrydockException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
      assertThat(e.getMessage()).contains(message).doesNotContain("\n");
    });
  }
}
