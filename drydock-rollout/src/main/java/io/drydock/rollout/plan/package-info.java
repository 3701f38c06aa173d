/** Pure planners for blue/green and canary rollouts. */
@NullMarked
package io.drydock.rollout.plan;

import org.jspecify.annotations.NullMarked;
