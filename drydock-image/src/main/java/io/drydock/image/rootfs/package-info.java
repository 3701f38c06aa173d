/** A root file system directory as an image source (dir:). */
@NullMarked
package io.drydock.image.rootfs;

import org.jspecify.annotations.NullMarked;
