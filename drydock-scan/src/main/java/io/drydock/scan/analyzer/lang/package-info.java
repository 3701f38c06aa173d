/** The language analyzers as one list. */
@NullMarked
package io.drydock.scan.analyzer.lang;

import org.jspecify.annotations.NullMarked;
