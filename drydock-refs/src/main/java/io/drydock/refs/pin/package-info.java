/** Pinning image references to digests, rewriting the files they are in. */
@NullMarked
package io.drydock.refs.pin;

import org.jspecify.annotations.NullMarked;
