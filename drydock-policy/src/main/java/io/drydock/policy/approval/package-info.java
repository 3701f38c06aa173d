/** Approvals: who approved which digest, and whether a change has enough of them. Pure code: no I/O, no clock. */
@NullMarked
package io.drydock.policy.approval;

import org.jspecify.annotations.NullMarked;
