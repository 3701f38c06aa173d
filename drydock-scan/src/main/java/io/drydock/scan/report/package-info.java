/** Report writers: table, JSON, SARIF, CycloneDX, OpenVEX. */
@NullMarked
package io.drydock.scan.report;

import org.jspecify.annotations.NullMarked;
