/** The vulnerability DB: OSV and distro data imported into SQLite, updated from a mirror. */
@NullMarked
package io.drydock.scan.db;

import org.jspecify.annotations.NullMarked;
