/** Newer tags for an image reference, ranked by version and vulnerabilities. */
@NullMarked
package io.drydock.refs.outdated;

import org.jspecify.annotations.NullMarked;
