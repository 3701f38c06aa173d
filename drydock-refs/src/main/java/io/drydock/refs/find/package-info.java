/** Finding image references in Dockerfiles, compose files, Kubernetes manifests and Helm values. */
@NullMarked
package io.drydock.refs.find;

import org.jspecify.annotations.NullMarked;
