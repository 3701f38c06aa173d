/** The scan stage: inventory (image → SBOM), the scan service (SBOM → findings → report) and the layer cache. */
@NullMarked
package io.drydock.scan;

import org.jspecify.annotations.NullMarked;
