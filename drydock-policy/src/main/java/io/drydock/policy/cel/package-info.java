/** Custom rules written in CEL over a documented input map. Pure code: no I/O, no clock. */
@NullMarked
package io.drydock.policy.cel;

import org.jspecify.annotations.NullMarked;
