/** {@code drydock serve}: REST API, dashboard, registry webhooks, scheduler, metrics, notifications, autopilot. */
@NullMarked
package io.drydock.server;

import org.jspecify.annotations.NullMarked;
