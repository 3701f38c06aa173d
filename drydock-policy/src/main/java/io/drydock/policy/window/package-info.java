/** Deployment windows and freezes, with the next opening. Pure code: no I/O, no clock. */
@NullMarked
package io.drydock.policy.window;

import org.jspecify.annotations.NullMarked;
