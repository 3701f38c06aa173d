/** HAProxy adapter over its Runtime API. */
@NullMarked
package io.drydock.router.haproxy;

import org.jspecify.annotations.NullMarked;
