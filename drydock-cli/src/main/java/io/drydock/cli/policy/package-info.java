/**
 * {@code drydock policy check|exceptions}, {@code drydock approve}, and the policy gate of {@code scan} and
 * {@code rollout start}: adapters that gather image facts (SBOM, findings, the DB's dates) and render the
 * evaluation of {@code io.drydock.policy}.
 */
@NullMarked
package io.drydock.cli.policy;

import org.jspecify.annotations.NullMarked;
