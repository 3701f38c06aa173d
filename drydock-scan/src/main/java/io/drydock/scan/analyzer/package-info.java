/** The analyzer SPI: what an analyzer needs from a layer and what it returns. */
@NullMarked
package io.drydock.scan.analyzer;

import org.jspecify.annotations.NullMarked;
