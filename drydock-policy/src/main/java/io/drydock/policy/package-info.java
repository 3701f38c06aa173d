/**
 * The decide stage: what a scan's findings mean for a service. Filters (ignore files, VEX), patch SLAs,
 * admission rules and the verdict that {@code scan} and {@code rollout start} act on. Pure code: no I/O,
 * no clock (the caller passes "now"), no threads.
 */
@NullMarked
package io.drydock.policy;

import org.jspecify.annotations.NullMarked;
