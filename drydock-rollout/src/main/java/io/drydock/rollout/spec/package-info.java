/** The rollout spec: the service file and its parts. */
@NullMarked
package io.drydock.rollout.spec;

import org.jspecify.annotations.NullMarked;
