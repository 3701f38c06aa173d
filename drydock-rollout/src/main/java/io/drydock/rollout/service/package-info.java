/** The rollout stage as a service: what the CLI, and later the server and the autopilot, call. */
@NullMarked
package io.drydock.rollout.service;

import org.jspecify.annotations.NullMarked;
