package io.drydock.refs.pin;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import io.drydock.refs.find.FoundRef;
import io.drydock.refs.find.RefFinder;
import io.drydock.refs.find.SourceFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins every file of a corpus of realistic files (comments, anchors, flow style, CRLF, tabs, BOM, Helm values) with a
 * fake resolver and checks that only the references changed: same lines and line endings, every line without a
 * reference byte-identical, and the output re-read gives the same references, now pinned to the resolved digests.
 */
class RoundTripTest {
  static Path corpus() {
    try {
      return Path.of(RoundTripTest.class.getClassLoader().getResource("roundtrip").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(corpus())) {
      return s.sorted().toList().stream();
    }
  }

  /** A fake registry: every tag resolves to the sha256 of its canonical name. */
  static Digest fakeDigest(ImageRef tagRef) {
    return Digest.sha256(tagRef.withDigest(null).toString().getBytes(StandardCharsets.UTF_8));
  }

  static SourceFile read(Path p) throws IOException {
    return new RefFinder(e -> { }).find(List.of(p)).files().get(0);
  }

  @Test
  void theCorpusHasAtLeastThirtyFiles() throws IOException {
    assertThat(files().count()).isGreaterThanOrEqualTo(30);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void pinningChangesOnlyTheReferences(Path file) throws IOException {
    String before = Files.readString(file);
    SourceFile src = read(file);
    assertThat(src.refs()).as("references found in %s", file).isNotEmpty();
    Pinner.Plan plan = new Pinner(RoundTripTest::fakeDigest, e -> { }).plan(List.of(src));
    String after = plan.newTexts().getOrDefault(src, before);

    List<String> lb = linesWithEndings(before);
    List<String> la = linesWithEndings(after);
    assertThat(la).hasSameSizeAs(lb);
    for (int i = 0; i < lb.size(); i++) {
      assertThat(ending(la.get(i))).as("line ending of line %d", i + 1).isEqualTo(ending(lb.get(i)));
      if (!lb.get(i).equals(la.get(i))) {
        assertThat(normalize(la.get(i))).as("line %d of %s", i + 1, file).isEqualTo(normalize(lb.get(i)));
      }
    }

    SourceFile again = RefFinder.parse(file, after, src.kind());
    assertThat(again.refs()).hasSameSizeAs(src.refs());
    for (int i = 0; i < src.refs().size(); i++) {
      FoundRef was = src.refs().get(i);
      FoundRef now = again.refs().get(i);
      assertThat(now.line()).isEqualTo(was.line());
      if (i == 0 || src.refs().get(i - 1).line() != was.line()) {
        assertThat(now.column()).isEqualTo(was.column()); // a second ref on a line moves right
      }
      if (was.isRewritable()) {
        assertThat(now.image()).isNotNull();
        assertThat(now.image().withDigest(null).withTag(now.image().tagOrLatest()))
            .isEqualTo(was.image().withDigest(null).withTag(was.image().tagOrLatest()));
        assertThat(now.image().digest()).isEqualTo(fakeDigest(was.image().withTag(was.image().tagOrLatest())));
      } else {
        assertThat(now.written()).isEqualTo(was.written());
      }
    }
    // pinning the pinned output changes nothing
    Pinner.Plan second = new Pinner(RoundTripTest::fakeDigest, e -> { }).plan(List.of(again));
    assertThat(second.newTexts()).isEmpty();
  }

  @Test
  void helmValuesGetTheDigestKeyWhenThereIsOneElseTagAtDigest() throws IOException {
    String after = pinned("values.yaml");
    Digest nginx = fakeDigest(ImageRef.parse("docker.io/bitnami/nginx:1.25.3-debian-11-r1"));
    Digest exporter = fakeDigest(ImageRef.parse("bitnami/nginx-exporter:0.11.0"));
    assertThat(after).contains("  tag: 1.25.3-debian-11-r1@" + nginx + "   # update me\n")
        .contains("    tag: \"0.11.0\"\n    digest: \"" + exporter + "\"\n")
        .contains("  image: busybox:1.36.1@sha256:")
        .contains("initImage: \"alpine:3.19.1@sha256:");
  }

  @Test
  void anArgDefaultIsPinnedWhereItIsDefined() throws IOException {
    String after = pinned("03-args.Dockerfile");
    assertThat(after).startsWith("ARG BASE_IMAGE=node:20-bookworm-slim@" + fakeDigest(ImageRef.parse("node:20-bookworm-slim"))
        + "\nARG VERSION=\"1.2.3\"\nFROM ${BASE_IMAGE} AS deps\n");
  }

  @Test
  void crlfAndQuotesAreKept() throws IOException {
    String after = pinned("14-compose-crlf.yaml");
    assertThat(after).isEqualTo("version: \"3.8\"\r\nservices:\r\n  web:\r\n    image: traefik:v3.0@"
        + fakeDigest(ImageRef.parse("traefik:v3.0")) + "\r\n    # comment\r\n  other:\r\n    image: \"quay.io/prometheus/node-exporter:v1.7.0@"
        + fakeDigest(ImageRef.parse("quay.io/prometheus/node-exporter:v1.7.0")) + "\"\r\n");
  }

  @Test
  void aReferenceWithoutTagGetsLatest() throws IOException {
    assertThat(pinned("26-no-tag.yaml")).contains("    image: nginx:latest@sha256:")
        .contains("    image: 127.0.0.1:5000/team/app:latest@sha256:");
  }

  @Test
  void aStaleKustomizeDigestIsReplaced() throws IOException {
    String after = pinned("kustomization.yaml");
    assertThat(after).doesNotContain("sha256:0000000000000000000000000000000000000000000000000000000000000000")
        .contains("    newTag: 7.2.4\n    digest: " + fakeDigest(ImageRef.parse("redis:7.2.4")) + "\n")
        .contains("    newTag: \"16.1@" + fakeDigest(ImageRef.parse("my.registry.example/postgres:16.1")) + "\"\n");
  }

  private static String pinned(String name) throws IOException {
    SourceFile src = read(corpus().resolve(name));
    Pinner.Plan plan = new Pinner(RoundTripTest::fakeDigest, e -> { }).plan(List.of(src));
    return plan.newTexts().getOrDefault(src, src.text());
  }

  /** Removes what pinning adds or replaces, so that before and after of a changed line compare equal. */
  private static String normalize(String line) {
    return line.replaceAll("(:latest)?@sha256:[0-9a-f]{64}", "")
        .replaceAll("(digest:) ?(sha256:[0-9a-f]{64}|~)?", "$1")
        .replaceAll("\"sha256:[0-9a-f]{64}\"", "\"\"");
  }

  private static String ending(String line) {
    return line.endsWith("\r\n") ? "CRLF" : line.endsWith("\n") ? "LF" : "";
  }

  private static List<String> linesWithEndings(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        out.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

}
