/** Tag version schemes used to find newer tags. */
@NullMarked
package io.drydock.refs.versioning;

import org.jspecify.annotations.NullMarked;
