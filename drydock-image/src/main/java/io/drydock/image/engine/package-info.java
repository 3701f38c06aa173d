/** The {@code engine:} image source: an image read out of a Docker-compatible engine. */
@NullMarked
package io.drydock.image.engine;

import org.jspecify.annotations.NullMarked;
