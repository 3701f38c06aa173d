/** What every command shares: image options, the console that renders events, output files, tables. */
@NullMarked
package io.drydock.cli.support;

import org.jspecify.annotations.NullMarked;
