/**
 * The scan's finding filters, with Trivy's meanings: severity, unfixed, ignore rules (.trivyignore,
 * .trivyignore.yaml, drydock exceptions) and OpenVEX statements. Parsers take text; reading files is the
 * caller's.
 */
@NullMarked
package io.drydock.policy.filter;

import org.jspecify.annotations.NullMarked;
