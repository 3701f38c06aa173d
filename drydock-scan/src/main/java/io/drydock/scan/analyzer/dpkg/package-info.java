/** Debian dpkg status database. */
@NullMarked
package io.drydock.scan.analyzer.dpkg;

import org.jspecify.annotations.NullMarked;
