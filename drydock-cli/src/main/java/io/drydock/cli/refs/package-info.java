/** {@code drydock refs}, {@code lint}, {@code pin} and {@code outdated}: front-ends over drydock-refs. */
@NullMarked
package io.drydock.cli.refs;

import org.jspecify.annotations.NullMarked;
