/** SBOM writers and the SBOM reader (CycloneDX, SPDX, drydock JSON). */
@NullMarked
package io.drydock.scan.sbom;

import org.jspecify.annotations.NullMarked;
