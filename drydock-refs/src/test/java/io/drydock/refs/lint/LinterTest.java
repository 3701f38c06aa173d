package io.drydock.refs.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.refs.find.FileKind;
import io.drydock.refs.find.RefFinder;
import io.drydock.refs.find.SourceFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinterTest {
  private static final String D = "sha256:" + "a".repeat(64);
  private static final String AT_D = "@" + D;

  private static List<String> lint(FileKind kind, String name, String text, String... allowed) {
    SourceFile f = RefFinder.parse(Path.of(name), text.replace("\\n", "\n").replace("{D}", AT_D).replace("{BS}", "\\"), kind);
    return new Linter(Arrays.asList(allowed)).lint(List.of(f)).stream()
        .map(l -> l.line() + ":" + l.rule().slug()).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "pinned, non-root                 | FROM alpine:3.20{D}\\nUSER 65534\\n | ",
      "version tag without digest       | FROM alpine:3.20\\nUSER app\\n | 1:missing-digest",
      "latest                           | FROM alpine:latest\\nUSER app\\n | 1:mutable-tag",
      "no tag                           | FROM alpine\\nUSER app\\n | 1:mutable-tag",
      "non-version tag                  | FROM node:lts-alpine\\nUSER app\\n | 1:mutable-tag",
      "digest without tag               | FROM alpine{D}\\nUSER app\\n | ",
      "no USER                          | FROM alpine{D}\\nRUN true\\n | 1:runs-as-root",
      "USER root at the end             | FROM alpine{D}\\nUSER app\\nUSER root\\n | 3:runs-as-root",
      "USER 0:0                         | FROM alpine{D}\\nUSER 0:0\\n | 2:runs-as-root",
      "USER only in the build stage     | FROM golang{D} AS b\\nUSER app\\nFROM scratch\\nCOPY --from=b /x /x\\n | 3:runs-as-root",
      "single stage with gcc            | FROM debian{D}\\nRUN apt-get update && apt-get install -y --no-install-recommends gcc make && rm -rf /var/lib/apt/lists/*\\nUSER app\\n | 1:build-tools-in-image",
      "single stage golang image        | FROM golang:1.22{D}\\nRUN go build -o /app .\\nUSER app\\n | 1:build-tools-in-image",
      "multi-stage with gcc is fine     | FROM debian{D} AS b\\nRUN apk add gcc\\nFROM alpine{D}\\nUSER app\\n | ",
      "apt without flags or cleanup     | FROM debian{D}\\nRUN apt-get update && apt-get install -y curl\\nUSER app\\n | 2:apt-install-recommends,2:apt-lists-not-removed",
      "apt with both                    | FROM debian{D}\\nRUN apt-get update {BS}\\n && apt-get install -y --no-install-recommends curl {BS}\\n && rm -rf /var/lib/apt/lists/*\\nUSER app\\n | ",
      "apt with cache mount             | FROM debian{D}\\nRUN --mount=type=cache,target=/var/lib/apt apt-get install -y --no-install-recommends curl\\nUSER app\\n | ",
      "ADD url                          | FROM alpine{D}\\nADD https://example.com/x.tgz /x\\nUSER app\\n | 2:add-remote-url",
      "ADD url with checksum            | FROM alpine{D}\\nADD --checksum=sha256:00 https://example.com/x.tgz /x\\nUSER app\\n | ",
      "ADD local                        | FROM alpine{D}\\nADD app.tgz /x\\nUSER app\\n | ",
      "unreadable                       | ARG V\\nFROM alpine:$V\\nUSER app\\n | 2:unreadable-reference"})
  void dockerfileRules(String name, String text, String expected) {
    assertThat(lint(FileKind.DOCKERFILE, "Dockerfile", text))
        .containsExactlyElementsOf(expected == null ? List.of() : Arrays.asList(expected.split(",")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ghcr.io/acme/app:1.0{D} | ghcr.io | true",
      "ghcr.io/acme/app:1.0{D} | ghcr.io/acme | true",
      "ghcr.io/other/app:1.0{D} | ghcr.io/acme | false",
      "nginx:1.25{D} | docker.io | true",
      "nginx:1.25{D} | index.docker.io | true",
      "nginx:1.25{D} | ghcr.io,quay.io | false",
      "127.0.0.1:5000/x:1{D} | 127.0.0.1:5000 | true"})
  void allowedRegistries(String image, String allowed, boolean ok) {
    List<String> got = lint(FileKind.COMPOSE, "compose.yaml", "services:\\n  a:\\n    image: " + image + "\\n",
        allowed.split(","));
    assertThat(got.contains("3:registry-not-allowed")).isEqualTo(!ok);
  }

  @Test
  void sarifHasTheRequiredFields() throws Exception {
    Path base = Path.of("").toAbsolutePath();
    SourceFile f = RefFinder.parse(base.resolve("dir with space/Dockerfile"), "FROM alpine\n", FileKind.DOCKERFILE);
    List<LintFinding> findings = new Linter(List.of("ghcr.io")).lint(List.of(f));
    JsonNode sarif = new ObjectMapper().readTree(LintReports.sarif(findings, base, "1.0"));
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.path("$schema").asText()).isEqualTo(LintReports.SARIF_SCHEMA);
    JsonNode run = sarif.path("runs").get(0);
    assertThat(run.path("tool").path("driver").path("name").asText()).isEqualTo("drydock");
    assertThat(run.path("tool").path("driver").path("rules")).hasSize(Rule.values().length);
    assertThat(run.path("results")).hasSize(3);
    for (JsonNode r : run.path("results")) {
      assertThat(r.path("ruleId").asText()).startsWith("DD");
      assertThat(r.path("level").asText()).isIn("error", "warning", "note");
      assertThat(r.path("message").path("text").asText()).isNotBlank();
      JsonNode loc = r.path("locations").get(0).path("physicalLocation");
      assertThat(loc.path("artifactLocation").path("uri").asText()).isEqualTo("dir%20with%20space/Dockerfile");
      assertThat(loc.path("region").path("startLine").asInt()).isEqualTo(1);
      assertThat(loc.path("region").path("startColumn").asInt()).isPositive();
      int idx = r.path("ruleIndex").asInt();
      assertThat(run.path("tool").path("driver").path("rules").get(idx).path("id").asText()).isEqualTo(r.path("ruleId").asText());
    }
  }
}
