/** Helpers shared by the OS package analyzers. */
@NullMarked
package io.drydock.scan.analyzer.ospkg;

import org.jspecify.annotations.NullMarked;
