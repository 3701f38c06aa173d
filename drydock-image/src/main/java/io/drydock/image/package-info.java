/** Image references, image sources and the blobs they open, verified while they stream. */
@NullMarked
package io.drydock.image;

import org.jspecify.annotations.NullMarked;
