/**
 * The two small bases every hand-written stream in drydock extends: {@link io.drydock.image.stream.ChunkInputStream}
 * for sources (one bulk read to implement) and {@link io.drydock.image.stream.CountingFilterInputStream} for filters
 * that count what passes. A leaf package: it depends on the JDK only.
 */
@NullMarked
package io.drydock.image.stream;

import org.jspecify.annotations.NullMarked;
