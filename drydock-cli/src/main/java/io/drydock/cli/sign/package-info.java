/** {@code drydock keygen}, {@code sign} and {@code verify}: cosign-compatible keys and signatures. */
@NullMarked
package io.drydock.cli.sign;

import org.jspecify.annotations.NullMarked;
