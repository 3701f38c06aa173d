/** {@code drydock rollout} and {@code up}: front-ends over drydock-rollout. */
@NullMarked
package io.drydock.cli.rollout;

import org.jspecify.annotations.NullMarked;
