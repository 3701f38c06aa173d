/** HAProxy adapter over its Runtime API. */
package io.drydock.router.haproxy;
