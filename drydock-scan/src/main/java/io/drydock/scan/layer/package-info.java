/** Pure layer logic: the applier replays layers, whiteouts and opaque dirs into a final view. */
@NullMarked
package io.drydock.scan.layer;

import org.jspecify.annotations.NullMarked;
