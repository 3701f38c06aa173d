/** The verify benchmark behind bench/verify.sh. */
@NullMarked
package io.drydock.policy.sign.bench;

import org.jspecify.annotations.NullMarked;
