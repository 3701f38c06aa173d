/** Image references in Dockerfile, compose, Kubernetes, Helm; lint, pin, newer tags, rewrite. */
@NullMarked
package io.drydock.refs;

import org.jspecify.annotations.NullMarked;
