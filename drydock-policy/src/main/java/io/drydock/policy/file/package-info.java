/** The policy file {@code drydock-policy.yaml} (schema {@code drydock.policy/v1}): strict YAML binding with {@code file:line:col} errors, compiled into {@link io.drydock.policy.rules.RuleSet}. Pure code: no I/O, no clock. */
@NullMarked
package io.drydock.policy.file;

import org.jspecify.annotations.NullMarked;
