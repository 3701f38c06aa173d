/** Image references in Dockerfile, compose, Kubernetes, Helm; lint, pin, newer tags, rewrite. */
package io.drydock.refs;
