/** npm packages (package.json in node_modules). */
@NullMarked
package io.drydock.scan.analyzer.npm;

import org.jspecify.annotations.NullMarked;
