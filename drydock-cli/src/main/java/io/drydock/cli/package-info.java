/** The {@code drydock} command line: picocli commands, thin front-ends over the stage services. */
@NullMarked
package io.drydock.cli;

import org.jspecify.annotations.NullMarked;
