/** The matcher (pure): a package and its advisories in, findings out. */
@NullMarked
package io.drydock.scan.match;

import org.jspecify.annotations.NullMarked;
