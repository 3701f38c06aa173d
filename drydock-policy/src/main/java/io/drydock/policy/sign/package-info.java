/**
 * Cosign-compatible signing and verification. Formats and checks are pure ({@link CosignKeys}, {@link SecretBox},
 * {@link SimpleSigning}, {@link SignatureManifest}, {@link SigstoreBundle}); {@link Signer} and {@link Verifier}
 * are the thin parts that talk to a registry through {@code RegistryClient}. Crypto is BouncyCastle's (scrypt,
 * XSalsa20, Poly1305) and the JDK's (ECDSA P-256), never hand-written.
 */
@NullMarked
package io.drydock.policy.sign;

import org.jspecify.annotations.NullMarked;
