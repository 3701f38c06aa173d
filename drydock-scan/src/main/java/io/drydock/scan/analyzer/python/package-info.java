/** Python packages (dist-info and egg-info metadata). */
@NullMarked
package io.drydock.scan.analyzer.python;

import org.jspecify.annotations.NullMarked;
