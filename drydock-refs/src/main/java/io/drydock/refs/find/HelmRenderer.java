package io.drydock.refs.find;

import java.io.IOException;
import java.nio.file.Path;

/** Renders a Helm chart's templates to Kubernetes YAML ({@code helm template}); {@link HelmTemplate} runs helm. */
@FunctionalInterface
public interface HelmRenderer {
  /** The rendered manifests: YAML documents, each after a {@code # Source: CHART/templates/FILE} comment. */
  String render(Path chart) throws IOException;
}
