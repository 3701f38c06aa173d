package io.drydock.refs.find;

/** Where a reference was found. */
public enum RefKind {
  /** {@code FROM image} in a Dockerfile or Containerfile. */
  DOCKERFILE_FROM,
  /** {@code COPY --from=image} in a Dockerfile. */
  DOCKERFILE_COPY_FROM,
  /** {@code RUN --mount=…,from=image} in a Dockerfile. */
  DOCKERFILE_MOUNT_FROM,
  /** The {@code # syntax=image} parser directive: the BuildKit front end the Dockerfile is built with. */
  DOCKERFILE_SYNTAX,
  /** {@code services.*.image} in a compose file. */
  COMPOSE,
  /** A container image in a Kubernetes workload manifest. */
  KUBERNETES,
  /** An image in Helm values, inline or as {@code {registry, repository, tag, digest}}. */
  HELM,
  /** A container image in a Helm chart's templates, as {@code helm template} renders them. */
  HELM_TEMPLATE,
  /** An {@code images:} entry of a kustomization. */
  KUSTOMIZE
}
