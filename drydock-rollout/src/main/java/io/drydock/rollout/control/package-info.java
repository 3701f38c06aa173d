/** The rollout controller: runs a plan against the engine and the router and keeps its state. */
@NullMarked
package io.drydock.rollout.control;

import org.jspecify.annotations.NullMarked;
