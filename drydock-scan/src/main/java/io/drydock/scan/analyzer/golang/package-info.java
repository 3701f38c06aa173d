/** Go binaries' build info and go.mod files. */
@NullMarked
package io.drydock.scan.analyzer.golang;

import org.jspecify.annotations.NullMarked;
