/** Alpine apk installed database. */
@NullMarked
package io.drydock.scan.analyzer.apk;

import org.jspecify.annotations.NullMarked;
