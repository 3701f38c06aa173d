/** Image sources for archive files: docker-archive (docker save) and plain archive files. */
@NullMarked
package io.drydock.image.archive;

import org.jspecify.annotations.NullMarked;
