/** Rollout analysis: measurements in, a verdict per run out. */
@NullMarked
package io.drydock.rollout.analysis;

import org.jspecify.annotations.NullMarked;
