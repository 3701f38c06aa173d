/** Lint rules over found image references. */
@NullMarked
package io.drydock.refs.lint;

import org.jspecify.annotations.NullMarked;
