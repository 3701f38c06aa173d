/** Layer walking: one pass over each layer tar, entries handed to whoever asked for them. */
@NullMarked
package io.drydock.image.layer;

import org.jspecify.annotations.NullMarked;
