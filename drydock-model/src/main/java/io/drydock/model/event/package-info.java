/** The events the core emits: presentation events and typed domain events. */
@NullMarked
package io.drydock.model.event;

import org.jspecify.annotations.NullMarked;
