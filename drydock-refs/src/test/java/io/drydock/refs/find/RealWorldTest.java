package io.drydock.refs.find;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import io.drydock.refs.lint.LintFinding;
import io.drydock.refs.lint.Linter;
import io.drydock.refs.lint.Rule;
import io.drydock.refs.pin.PinChange;
import io.drydock.refs.pin.PinStatus;
import io.drydock.refs.pin.Pinner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The finder on public repositories' files (src/test/resources/realworld, provenance in its README). */
class RealWorldTest {
  private static final Digest D = Digest.parse("sha256:" + "ab".repeat(32));

  static Path real(String name) {
    return RefFinderTest.resource("realworld/" + name);
  }

  private static RefFinder.Result find(Path p) throws IOException {
    return new RefFinder(e -> { }).find(List.of(p));
  }

  private static List<String> lines(RefFinder.Result r) {
    List<String> out = new ArrayList<>();
    for (FoundRef f : r.refs()) {
      out.add(f.file().getFileName() + ":" + f.line() + " " + f.kind() + " " + f.written() + " " + f.role());
    }
    return out;
  }

  @Test
  void sentrySelfHostedComposeWithDotEnvAndLocalBuilds() throws IOException {
    Path dir = real("sentry-self-hosted");
    RefFinder.Result r = find(dir);
    // independent count: every "image:" line is one image scalar (anchors are written once)
    long imageLines = Files.readAllLines(dir.resolve("docker-compose.yml"), StandardCharsets.UTF_8).stream()
        .filter(l -> Pattern.matches("\\s+image:\\s*\\S.*", l)).count();
    assertThat(r.refs()).hasSize((int) imageLines);
    assertThat(r.skipped()).isEmpty();
    assertThat(r.refs()).filteredOn(f -> f.role() == RefRole.BUILT_LOCALLY).extracting(FoundRef::written)
        .containsExactly("sentry-self-hosted-local", "clickhouse-self-hosted-local", "sentry-cleanup-self-hosted-local");
    FoundRef snuba = r.refs().stream().filter(f -> f.written().contains("snuba")).findFirst().orElseThrow();
    assertThat(snuba.written()).isEqualTo("ghcr.io/getsentry/snuba:nightly");
    assertThat(snuba.variables().expression()).isEqualTo("$SNUBA_IMAGE");
    assertThat(snuba.variables().used()).containsExactly(new Variables.Variable("SNUBA_IMAGE", Variables.Source.ENV_FILE));
    assertThat(snuba.site()).isInstanceOfSatisfying(Site.Fixed.class, f -> assertThat(f.reason()).contains(".env"));

    // pin: the local images are not looked up (they are not in any registry) and do not abort the tree
    List<ImageRef> asked = new ArrayList<>();
    Pinner.Plan plan = new Pinner(ref -> {
      asked.add(ref);
      return D;
    }, e -> { }).plan(r.files());
    assertThat(asked).noneMatch(i -> i.repository().endsWith("self-hosted-local"));
    assertThat(plan.changes()).filteredOn(c -> c.status() == PinStatus.NOT_PULLED).hasSize(3)
        .allSatisfy(c -> assertThat(c.failsCheck()).isFalse());
    // the lint notes them instead of calling them mutable
    List<LintFinding> lint = new Linter(List.of()).lint(r.files(), r.skipped(), false);
    assertThat(lint).filteredOn(l -> l.message().startsWith("sentry-self-hosted-local"))
        .extracting(LintFinding::rule).containsExactly(Rule.NOT_PULLED);
  }

  @Test
  void onlineBoutiqueKustomizeComponentsAndHelmChart() throws IOException {
    RefFinder.Result r = find(real("online-boutique"));
    // newName-only and tagSuffix-only entries keep the resources' tag: no false "no tag" error
    List<FoundRef> kustomize = r.refs().stream().filter(f -> f.kind() == RefKind.KUSTOMIZE).toList();
    assertThat(kustomize).hasSize(23).allSatisfy(f -> assertThat(f.role()).isEqualTo(RefRole.KEEPS_RESOURCE_TAG));
    List<LintFinding> lint = new Linter(List.of()).lint(r.files(), r.skipped(), false);
    assertThat(lint).filteredOn(l -> l.file().toString().contains("kustomize"))
        .allSatisfy(l -> assertThat(l.rule()).isEqualTo(Rule.NOT_PULLED)).allSatisfy(l -> assertThat(l.fails()).isFalse());
    // the chart's images.repository is a prefix ({{ .Values.images.repository }}/{{ .Values.x.name }}:…)
    assertThat(r.refs()).noneMatch(f -> f.kind() == RefKind.HELM);
    // its templates are listed, not dropped
    assertThat(r.skipped()).extracting(s -> s.file().getFileName().toString() + " " + s.reason())
        .containsExactly("adservice.yaml TEMPLATE", "common.yaml TEMPLATE", "frontend.yaml TEMPLATE");
    assertThat(r.unreadable()).isEmpty();
    assertThat(r.refs()).filteredOn(f -> f.kind() == RefKind.DOCKERFILE_FROM).extracting(FoundRef::written)
        .containsExactly("golang:1.26.5-alpine@sha256:0178a641fbb4858c5f1b48e34bdaabe0350a330a1b1149aabd498d0699ff5fb2",
            "gcr.io/distroless/static");
  }

  @Test
  void podTemplatesOfArgoRolloutsKnativeAndOpenKruise() throws IOException {
    assertThat(lines(find(real("argo-rollouts")))).containsExactly(
        "kustomization.yaml:39 KUSTOMIZE argoproj/rollouts-demo:green PULLED",
        "rollouts-demo.yaml:23 KUBERNETES argoproj/rollouts-demo:blue PULLED",
        "rollout-canary.yaml:21 KUBERNETES argoproj/rollouts-demo:blue PULLED");
    assertThat(lines(find(real("openkruise")))).containsExactly(
        "apps_v1alpha1_cloneset.yaml:19 KUBERNETES nginx:alpine PULLED",
        "apps_v1alpha1_sidecarset.yaml:11 KUBERNETES busybox:1.28 PULLED",
        "apps_v1alpha1_sidecarset.yaml:15 KUBERNETES openkruise/guestbook:sidecar PULLED",
        "apps_v1alpha1_uniteddeployment.yaml:26 KUBERNETES nginx:1.0 PULLED");
    // Knative's sample keeps a {username} placeholder: found, and said to be unreadable
    assertThat(find(real("knative")).refs()).singleElement().satisfies(f -> {
      assertThat(f.written()).isEqualTo("docker.io/{username}/helloworld-go");
      assertThat(f.problem()).contains("{username}");
    });
  }

  @Test
  void customKindsFromKustomizeConfigurationsOrImageFields() throws IOException {
    Path dir = real("kustomize-transformerconfigs-images");
    // walking: the kustomization's configurations: file declares MyKind's spec/runLatest/container/image
    assertThat(find(dir).refs()).extracting(FoundRef::written).contains("crd-image", "docker", "my-mysql");
    // one file alone: only with the field specs given
    Path resources = dir.resolve("resources.yaml");
    assertThat(find(resources).refs()).extracting(FoundRef::written).doesNotContain("crd-image");
    List<ImageFieldSpec> fields = ImageFieldSpec.read(dir.resolve("kustomizeconfig/mykind.yaml"));
    RefFinder.Result r = new RefFinder(e -> { }, new FinderOptions(List.of(), List.of(), fields, null))
        .find(List.of(resources));
    assertThat(lines(r)).containsExactly("resources.yaml:9 KUBERNETES crd-image PULLED",
        "resources.yaml:11 KUBERNETES docker PULLED", "resources.yaml:13 KUBERNETES my-mysql PULLED",
        "resources.yaml:26 KUBERNETES my-app PULLED", "resources.yaml:28 KUBERNETES alpine:1.8.0 PULLED");
  }

  @Test
  void buildxDockerfileSyntaxMountsAndPlatformStages() throws IOException {
    assertThat(lines(find(real("buildx")))).containsExactly(
        "Dockerfile:1 DOCKERFILE_SYNTAX docker/dockerfile:1.3 PULLED",
        "Dockerfile:6 DOCKERFILE_FROM docker:20.10.8 PULLED",
        "Dockerfile:9 DOCKERFILE_FROM tonistiigi/xx@sha256:21a61be4744f6531cb5f33b0e6f40ede41fa3a1b8c82d5946178f80cc84bfc04 PULLED",
        "Dockerfile:11 DOCKERFILE_FROM golang:1.17.0-alpine PULLED",
        "Dockerfile:57 DOCKERFILE_FROM alpine PULLED",
        "Dockerfile:68 DOCKERFILE_FROM docker:20.10.8 PULLED",
        "Dockerfile:69 DOCKERFILE_FROM alpine PULLED");
    // FROM binaries-$TARGETOS names a stage; --mount from=buildx-version / from=binaries are stages
  }
}
