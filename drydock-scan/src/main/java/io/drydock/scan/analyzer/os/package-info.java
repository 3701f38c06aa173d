/** OS detection from release files, and the OS analyzers as one list. */
@NullMarked
package io.drydock.scan.analyzer.os;

import org.jspecify.annotations.NullMarked;
