/** rpm databases: SQLite, Berkeley DB and NDB. */
@NullMarked
package io.drydock.scan.analyzer.rpm;

import org.jspecify.annotations.NullMarked;
