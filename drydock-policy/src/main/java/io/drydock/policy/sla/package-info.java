/** Patch SLAs: days from fix available to patched, per severity and criticality tier. Pure code: no I/O, no clock. */
@NullMarked
package io.drydock.policy.sla;

import org.jspecify.annotations.NullMarked;
