package io.drydock.refs.find;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RefFinderTest {
  @TempDir
  Path tmp;

  static Path resource(String name) {
    try {
      return Path.of(RefFinderTest.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String describe(Path file, FoundRef r) {
    return file.getFileName() + "|" + r.line() + ":" + r.column() + "|" + r.kind() + "|" + r.written() + "|"
        + (r.site() instanceof Site.Fixed fx ? "FIXED " + fx.reason() : r.site().getClass().getSimpleName())
        + (r.platform() != null ? "|platform=" + r.platform() : "") + (r.problem() != null ? "|problem=" + r.problem() : "");
  }

  /** Every reference of the round-trip corpus, with line, column, kind and site, as reviewed by hand. */
  @Test
  void findsWhatTheCorpusHolds() throws IOException {
    List<String> got = new ArrayList<>();
    try (var s = Files.list(resource("roundtrip"))) {
      for (Path p : s.sorted().toList()) {
        for (FoundRef r : new RefFinder(e -> { }).find(List.of(p)).refs()) {
          got.add(describe(p, r));
        }
      }
    }
    assertThat(got).containsExactlyElementsOf(Files.readAllLines(resource("finder-expected.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void walksADirectorySkippingChartTemplatesAndReportingBrokenFiles() throws IOException {
    Path chart = Files.createDirectories(tmp.resolve("chart/templates"));
    Files.writeString(tmp.resolve("chart/Chart.yaml"), "apiVersion: v2\nname: c\nversion: 1.0.0\n");
    Files.writeString(tmp.resolve("chart/values.yaml"), "image:\n  repository: nginx\n  tag: 1.25.3\n");
    Files.writeString(chart.resolve("deployment.yaml"), "{{- if .Values.x }}\nimage: {{ .Values.image }}\n");
    Files.writeString(tmp.resolve("Dockerfile"), "FROM alpine:3.20\n");
    Files.writeString(tmp.resolve("broken.yaml"), "a: [1, 2\n");
    Files.createDirectories(tmp.resolve(".git"));
    Files.writeString(tmp.resolve(".git/Dockerfile"), "FROM nope:1\n");
    RefFinder.Result r = new RefFinder(e -> { }).find(List.of(tmp));
    assertThat(r.refs()).extracting(FoundRef::written).containsExactly("alpine:3.20", "nginx:1.25.3");
    assertThat(r.unreadable()).singleElement().satisfies(s -> {
      assertThat(s.file().toString()).endsWith("broken.yaml");
      assertThat(s.reason()).isEqualTo(SkippedFile.Reason.DOES_NOT_PARSE);
      assertThat(s.detail()).contains("broken.yaml:2:");
    });
    assertThat(r.skipped()).filteredOn(s -> !s.unreadable()).singleElement().satisfies(s -> {
      assertThat(s.file()).isEqualTo(chart.resolve("deployment.yaml"));
      assertThat(s.reason()).isEqualTo(SkippedFile.Reason.TEMPLATE);
    });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Dockerfile | FROM alpine:3.20\\nFROOM x\\n | Dockerfile:2: unknown instruction 'FROOM'",
      "Dockerfile | ARG X=1\\nFROM\\n | Dockerfile:2: FROM names no image",
      "Dockerfile | FROM a:1 AS b c\\n | Dockerfile:1: FROM takes an image and optionally 'AS name'",
      "Dockerfile | FROM a:1\\nRUN <<EOF\\necho\\n | Dockerfile:2: heredoc <<EOF is not terminated",
      "compose.yaml | services:\\n  web:\\n    image: [a\\n | compose.yaml:4:1:",
      "deploy.yaml | kind: Pod\\n spec: x\\n  - y\\n | deploy.yaml:2:",
      "values.yaml | a: 'unterminated\\n | values.yaml:2:1:"})
  void badInputIsInvalidInputWithFileAndLine(String name, String content, String expected) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, content.replace("\\n", "\n"));
    assertThatThrownBy(() -> new RefFinder(e -> { }).find(List.of(f)))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
          assertThat(e.getMessage()).startsWith("Tried to read ").contains(tmp.resolve(expected).toString())
              .doesNotContain("\n");
        });
  }

  @Test
  void aMissingPathIsNotFound() {
    assertThatThrownBy(() -> new RefFinder(e -> { }).find(List.of(tmp.resolve("nope"))))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void yamlThatIsNotUtf8IsInvalidInput() throws IOException {
    Path f = tmp.resolve("compose.yaml");
    Files.write(f, new byte[] {'x', ':', ' ', (byte) 0xff, '\n'});
    assertThatThrownBy(() -> new RefFinder(e -> { }).find(List.of(f)))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
          assertThat(e.getMessage()).endsWith("it is not UTF-8 text");
        });
  }

  /** A "billion laughs" file within the alias limit is read in linear time (nodes are visited once, never expanded). */
  @Test
  void aYamlBombIsNotExpanded() throws IOException {
    Path f = tmp.resolve("values.yaml");
    Files.writeString(f, bomb('z', 9));
    long t0 = System.nanoTime();
    // each anchored image once, however many times it is reached
    assertThat(new RefFinder(e -> { }).find(List.of(f)).refs()).extracting(FoundRef::written)
        .containsExactly("x", "nginx:1");
    Path k = tmp.resolve("deploy.yaml");
    Files.writeString(k, "apiVersion: v1\nkind: Pod\nspec:\n  x:\n" + bomb('z', 9).indent(4));
    assertThat(new RefFinder(e -> { }).find(List.of(k)).refs()).extracting(FoundRef::written).containsExactly("nginx:1");
    assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
  }

  @Test
  void aYamlBombOverTheAliasLimitIsRefused() throws IOException {
    Path f = tmp.resolve("values.yaml");
    StringBuilder y = new StringBuilder(bomb('z', 9));
    for (int i = 0; i < YamlNodes.MAX_ALIASES; i++) {
      y.append("k").append(i).append(": *z\n");
    }
    Files.writeString(f, y);
    assertThatThrownBy(() -> new RefFinder(e -> { }).find(List.of(f)))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
  }

  /** Anchors a..last, each a list of {@code fan} aliases to the one before. */
  private static String bomb(char last, int fan) {
    StringBuilder y = new StringBuilder("a: &a {image: x, containers: [{image: 'nginx:1'}]}\n");
    for (char c = 'b'; c <= last; c++) {
      y.append(c).append(": &").append(c).append(" {");
      for (int i = 0; i < fan; i++) {
        y.append(i == 0 ? "" : ", ").append("m").append(i).append(": *").append((char) (c - 1));
      }
      y.append("}\n");
    }
    return y.toString();
  }

  @Test
  void argSubstitutionForms() {
    String df = """
        ARG REPO=library/alpine
        ARG TAG
        ARG EMPTY=
        FROM docker.io/${REPO}:${TAG:-3.19}
        FROM ${EMPTY:-busybox}:1.36
        FROM alpine:$TAG
        """;
    SourceFile f = RefFinder.parse(Path.of("Dockerfile"), df, FileKind.DOCKERFILE);
    assertThat(f.refs()).extracting(FoundRef::written, FoundRef::problem).containsExactly(
        org.assertj.core.groups.Tuple.tuple("docker.io/library/alpine:3.19", null),
        org.assertj.core.groups.Tuple.tuple("busybox:1.36", null),
        org.assertj.core.groups.Tuple.tuple("alpine:$TAG", "ARG TAG has no default"));
    assertThat(f.refs()).allSatisfy(r -> assertThat(r.isRewritable()).isFalse());
  }
}
