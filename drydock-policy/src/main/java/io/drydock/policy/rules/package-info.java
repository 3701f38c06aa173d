/** Policy rules as pure functions: admission rules, criticality tiers, and the evaluator that turns image facts into a {@link io.drydock.policy.Verdict}. Pure code: no I/O, no clock. */
@NullMarked
package io.drydock.policy.rules;

import org.jspecify.annotations.NullMarked;
