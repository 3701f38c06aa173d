/** What rollout needs from outside: a container engine and a traffic router. */
@NullMarked
package io.drydock.rollout.spi;

import org.jspecify.annotations.NullMarked;
