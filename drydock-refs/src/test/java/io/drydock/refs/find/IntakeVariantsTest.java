package io.drydock.refs.find;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.refs.lint.LintFinding;
import io.drydock.refs.lint.Linter;
import io.drydock.refs.lint.Rule;
import io.drydock.refs.pin.PinStatus;
import io.drydock.refs.pin.Pinner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Crafted variants of the shapes real repositories use: Compose variables and projects, skipped files, Dockerfiles. */
class IntakeVariantsTest {
  private static final Digest D = Digest.parse("sha256:" + "cd".repeat(32));

  @TempDir
  Path tmp;

  /** Compose's interpolation, as the Compose specification words it (env: TAG=1.5, EMPTY=""). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "app:${TAG}             | app:1.5  | NULL",
      "app:$TAG               | app:1.5  | NULL",
      "app:${NOPE:-1.4}       | app:1.4  | NULL",
      "app:${EMPTY:-1.4}      | app:1.4  | NULL",
      "app:${EMPTY-1.4}       | app:     | NULL",
      "app:${NOPE-1.4}        | app:1.4  | NULL",
      "app:${TAG:-1.4}        | app:1.5  | NULL",
      "app:${NOPE:-${TAG}}    | app:1.5  | NULL",
      "app:${NOPE:-${X:-2}}   | app:2    | NULL",
      "app:${TAG:+9}          | app:9    | NULL",
      "app:${NOPE+9}          | app:     | NULL",
      "a$$b                   | a$b      | NULL",
      "app:${NOPE:?set it}    | NULL     | required variable NOPE is missing a value: set it",
      "app:${NOPE?}           | NULL     | required variable NOPE is missing a value",
      "app:${EMPTY?x}         | app:     | NULL",
      "app:${EMPTY:?x}        | NULL     | required variable EMPTY is missing a value: x",
      "app:$1                 | app:$1   | NULL",
      "app:${TAG             | NULL     | invalid interpolation format: '${TAG' has no closing brace",
      "app:${1A}              | NULL     | invalid interpolation format: '${1A}'"})
  void interpolation(String raw, String value, String error) {
    Interpolation.Result r = Interpolation.of(raw, Map.of("TAG", "1.5", "EMPTY", ""));
    assertThat(r.error()).isEqualTo(error);
    if (error == null) {
      assertThat(r.value()).isEqualTo(value);
    }
  }

  @Test
  void dotEnvAsComposeReadsIt() {
    Map<String, String> env = DotEnv.parse(Path.of(".env"), """
        # comment
        export REG=ghcr.io/acme
        TAG=1.4 # inline comment
        QUOTED="${REG}/app:${TAG}"
        LITERAL='${REG}'
        MULTI="a
        b"
        EMPTY=
        """);
    assertThat(env).containsEntry("REG", "ghcr.io/acme").containsEntry("TAG", "1.4")
        .containsEntry("QUOTED", "ghcr.io/acme/app:1.4").containsEntry("LITERAL", "${REG}")
        .containsEntry("MULTI", "a\nb").containsEntry("EMPTY", "");
    assertThatThrownBy(() -> DotEnv.parse(Path.of(".env"), "A=1\nnot an assignment\n"))
        .isInstanceOf(DrydockException.class).hasMessageContaining(".env:2: not a KEY=VALUE line");
  }

  @Test
  void pinWritesTheDigestIntoTheDefaultByteForByte() throws IOException {
    String text = "services:\n  web:\n    image: \"ghcr.io/acme/web:${WEB_TAG:-1.4}\"  # keep\n"
        + "  api:\n    image: ${API_IMAGE:-ghcr.io/acme/api:2.0}\n"
        + "  db:\n    image: ${DB_REGISTRY:-docker.io}/library/postgres:${PG:-16.1}-alpine\n"
        + "  cache:\n    image: redis:${REDIS_TAG}\n";
    Files.writeString(tmp.resolve("compose.yaml"), text);
    Files.writeString(tmp.resolve(".env"), "REDIS_TAG=7.2\n");
    RefFinder.Result r = new RefFinder(e -> { }).find(List.of(tmp));
    assertThat(r.refs()).extracting(FoundRef::written).containsExactly("ghcr.io/acme/web:1.4", "ghcr.io/acme/api:2.0",
        "docker.io/library/postgres:16.1-alpine", "redis:7.2");
    assertThat(r.refs()).allSatisfy(f -> assertThat(f.variables()).isNotNull());
    Pinner.Plan plan = new Pinner(ref -> D, e -> { }).plan(r.files());
    assertThat(plan.changes()).extracting(c -> c.status()).containsExactly(PinStatus.UNPINNED, PinStatus.UNPINNED,
        PinStatus.NOT_PINNABLE, PinStatus.NOT_PINNABLE);
    assertThat(plan.changes().get(2).reason()).isEqualTo("the tag is assembled from several variables");
    assertThat(plan.changes().get(3).reason()).contains("set in").contains(".env");
    String after = plan.newTexts().values().iterator().next();
    assertThat(after).isEqualTo(text.replace("${WEB_TAG:-1.4}", "${WEB_TAG:-1.4@" + D + "}")
        .replace("ghcr.io/acme/api:2.0}", "ghcr.io/acme/api:2.0@" + D + "}"));
    // read again: now pinned, and pinning again changes nothing
    Files.writeString(tmp.resolve("compose.yaml"), after);
    RefFinder.Result again = new RefFinder(e -> { }).find(List.of(tmp));
    assertThat(again.refs().subList(0, 2)).allSatisfy(f -> assertThat(f.isPinned()).isTrue());
    assertThat(new Pinner(ref -> D, e -> { }).plan(again.files()).newTexts()).isEmpty();
  }

  @Test
  void envFileOptionReplacesTheDotEnv() throws IOException {
    Files.writeString(tmp.resolve("compose.yaml"), "services:\n  a:\n    image: app:${TAG:-1}\n");
    Files.writeString(tmp.resolve(".env"), "TAG=2\n");
    Path prod = Files.writeString(tmp.resolve("prod.env"), "TAG=3\n");
    assertThat(new RefFinder(e -> { }).find(List.of(tmp)).refs()).extracting(FoundRef::written).containsExactly("app:2");
    assertThat(new RefFinder(e -> { }, new FinderOptions(List.of(prod), List.of(), List.of(), null)).find(List.of(tmp))
        .refs()).extracting(FoundRef::written).containsExactly("app:3");
  }

  @Test
  void overrideFilesMergeAsComposeDoes() throws IOException {
    Files.writeString(tmp.resolve("compose.yaml"), """
        services:
          web:
            build: .
          api:
            image: ghcr.io/acme/api:1.0
          worker:
            extends: web
            image: acme/worker:dev
          db:
            image: postgres:16.1
            build: ./db
        """);
    Files.writeString(tmp.resolve("compose.override.yaml"), """
        services:
          web:
            image: acme/web:dev
          api:
            image: ghcr.io/acme/api:1.1
          db:
            build: !reset null
        """);
    RefFinder.Result r = new RefFinder(e -> { }).find(List.of(tmp));
    // web builds (build: in the base), worker extends web, db's build is reset by the override
    assertThat(r.refs()).extracting(f -> f.file().getFileName() + " " + f.written() + " " + f.role()).containsExactly(
        "compose.yaml ghcr.io/acme/api:1.0 PULLED",
        "compose.yaml acme/worker:dev BUILT_LOCALLY",
        "compose.yaml postgres:16.1 PULLED",
        "compose.override.yaml acme/web:dev BUILT_LOCALLY",
        "compose.override.yaml ghcr.io/acme/api:1.1 PULLED");
    assertThat(r.refs().get(0).note()).isEqualTo("overridden by compose.override.yaml:5:12");
    // the same two files given as -f a -f b, and one file alone: no merging
    RefFinder.Result f = new RefFinder(e -> { }, new FinderOptions(List.of(), List.of(tmp.resolve("compose.yaml"),
        tmp.resolve("compose.override.yaml")), List.of(), null)).find(List.of());
    assertThat(f.refs()).extracting(FoundRef::role).containsExactlyElementsOf(r.refs().stream().map(FoundRef::role).toList());
    RefFinder.Result alone = new RefFinder(e -> { }).find(List.of(tmp.resolve("compose.yaml")));
    assertThat(alone.refs()).filteredOn(x -> x.written().equals("postgres:16.1")).singleElement()
        .satisfies(x -> assertThat(x.role()).isEqualTo(RefRole.BUILT_LOCALLY));
  }

  @Test
  void skippedFilesAreListedWithTheirReasonAndFailLint() throws IOException {
    Files.write(tmp.resolve("compose.yaml"), new byte[] {'x', ':', ' ', (byte) 0xe9, '\n'});
    Files.writeString(tmp.resolve("values.yaml"), "a: " + "x".repeat(RefFinder.MAX_FILE_BYTES) + "\n");
    Files.writeString(tmp.resolve("deploy.yaml"), "kind: [\n");
    Files.writeString(tmp.resolve("kustomization.yaml"), "images:\n{{ range .Values }}\n");
    RefFinder.Result r = new RefFinder(e -> { }).find(List.of(tmp));
    assertThat(r.skipped()).extracting(s -> s.file().getFileName() + " " + s.reason()).containsExactly(
        "compose.yaml NOT_UTF8", "deploy.yaml DOES_NOT_PARSE", "kustomization.yaml TEMPLATE", "values.yaml TOO_LARGE");
    List<LintFinding> lint = new Linter(List.of()).lint(r.files(), r.skipped(), false);
    assertThat(lint).extracting(LintFinding::rule).containsOnly(Rule.UNREADABLE_FILE).hasSize(3);
    assertThat(lint).allSatisfy(l -> assertThat(l.fails()).isTrue());
    assertThat(new Linter(List.of()).lint(r.files(), r.skipped(), true)).hasSize(3)
        .allSatisfy(l -> assertThat(l.fails()).isFalse());
  }

  @Test
  void aLatin1DockerfileIsReadAndPinnedKeepingItsBytes() throws IOException {
    byte[] bytes = "# Auteur : Ren\u00e9\nFROM debian:12.5\n".getBytes(StandardCharsets.ISO_8859_1);
    Path df = Files.write(tmp.resolve("Dockerfile"), bytes);
    List<String> warnings = new java.util.ArrayList<>();
    RefFinder.Result r = new RefFinder(e -> warnings.add(String.valueOf(e))).find(List.of(tmp));
    assertThat(r.skipped()).isEmpty();
    assertThat(r.files().get(0).charset()).isEqualTo(StandardCharsets.ISO_8859_1);
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("not UTF-8: read as Latin-1"));
    Pinner.write(new Pinner(ref -> D, e -> { }).plan(r.files()));
    assertThat(Files.readAllBytes(df)).isEqualTo(("# Auteur : Ren\u00e9\nFROM debian:12.5@" + D + "\n")
        .getBytes(StandardCharsets.ISO_8859_1));
  }

  @ParameterizedTest
  @CsvSource({"Dockerfile-prod, true", "Containerfile-arm64, true", "api.Dockerfile, true", "web.containerfile, true",
      "Dockerfile.dockerignore, false", "Dockerfile-guide.md, false", "dockerfiles.yaml, false"})
  void dockerfileNames(String name, boolean dockerfile) {
    assertThat(FileKind.byName(Path.of(name)).filter(k -> k == FileKind.DOCKERFILE).isPresent()).isEqualTo(dockerfile);
  }

  @Test
  void mountFromAnImageAndSyntaxDirectiveArePinnable() throws IOException {
    String text = "\ufeff# syntax = docker/dockerfile:1.7\n# escape=\\\nFROM python:3.12-slim AS app\n"
        + "RUN --mount=type=cache,target=/root/.cache \\\n    --mount=from=ghcr.io/astral-sh/uv:0.6.1,source=/uv,target=/bin/uv \\\n"
        + "    --mount=type=bind,from=app,target=/x \\\n    uv sync\n";
    Path df = Files.writeString(tmp.resolve("Containerfile-py"), text);
    SourceFile f = new RefFinder(e -> { }).find(List.of(tmp)).files().get(0);
    assertThat(f.refs()).extracting(r -> r.line() + ":" + r.column() + " " + r.kind() + " " + r.written()).containsExactly(
        "1:13 DOCKERFILE_SYNTAX docker/dockerfile:1.7", "3:6 DOCKERFILE_FROM python:3.12-slim",
        "5:18 DOCKERFILE_MOUNT_FROM ghcr.io/astral-sh/uv:0.6.1");
    Pinner.write(new Pinner(ref -> D, e -> { }).plan(List.of(f)));
    assertThat(Files.readString(df)).isEqualTo(text.replace("dockerfile:1.7", "dockerfile:1.7@" + D)
        .replace("3.12-slim AS", "3.12-slim@" + D + " AS").replace("uv:0.6.1,", "uv:0.6.1@" + D + ","));
  }

  @Test
  void helmRepositoryPrefixes() {
    assertThat(HelmPrefixes.in("image: {{ .Values.images.repository }}/{{ .Values.a.name }}:{{ .Values.images.tag }}\n"
        + "image: {{ printf \"%s/%s-%s\" .Values.image.repository .Values.image.prefix .Chart.Name }}\n"
        + "image: {{ .Values.other.repository }}:{{ .Values.other.tag }}"))
        .containsExactlyInAnyOrder("images", "image");
    String values = "a:\n  repository: quay.io/acme/\n  tag: 1\nb:\n  repository: quay.io/acme\n  name: app\n  tag: 1\n"
        + "c:\n  repository: quay.io/acme/app\n  tag: 1\n";
    assertThat(RefFinder.parse(Path.of("values.yaml"), values, FileKind.HELM_VALUES).refs()).extracting(FoundRef::written)
        .containsExactly("quay.io/acme/app:1");
  }

  @Test
  void helmTemplateOutputIsReportedAtItsTemplates() {
    String rendered = """
        ---
        # Source: shop/templates/service.yaml
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        ---
        # Source: shop/templates/deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        spec:
          template:
            spec:
              containers:
              - name: web
                image: "ghcr.io/acme/web:1.4"
        """;
    List<SourceFile> files = HelmRendered.read(Path.of("shop"), rendered);
    assertThat(files).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo(Path.of("shop/templates/deployment.yaml"));
      assertThat(f.refs()).singleElement().satisfies(r -> {
        assertThat(r.kind()).isEqualTo(RefKind.HELM_TEMPLATE);
        assertThat(r.written()).isEqualTo("ghcr.io/acme/web:1.4");
        assertThat(r.isRewritable()).isFalse();
      });
    });
  }
}
