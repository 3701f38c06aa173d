/** Policy exceptions: owner, OpenVEX justification, scope, required expiry; export as OpenVEX. Pure code: no I/O, no clock. */
@NullMarked
package io.drydock.policy.exception;

import org.jspecify.annotations.NullMarked;
