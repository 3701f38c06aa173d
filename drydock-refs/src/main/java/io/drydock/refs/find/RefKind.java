package io.drydock.refs.find;

/** Where a reference was found. */
public enum RefKind {
  /** {@code FROM image} in a Dockerfile or Containerfile. */
  DOCKERFILE_FROM,
  /** {@code COPY --from=image} in a Dockerfile. */
  DOCKERFILE_COPY_FROM,
  /** {@code services.*.image} in a compose file. */
  COMPOSE,
  /** A container image in a Kubernetes workload manifest. */
  KUBERNETES,
  /** An image in Helm values, inline or as {@code {registry, repository, tag, digest}}. */
  HELM,
  /** An {@code images:} entry of a kustomization. */
  KUSTOMIZE
}
