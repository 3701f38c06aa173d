/** The fix stage: plan the cheapest remedy per fixable finding, produce the patched image, tag, push, bump references. */
@NullMarked
package io.drydock.patch;

import org.jspecify.annotations.NullMarked;
