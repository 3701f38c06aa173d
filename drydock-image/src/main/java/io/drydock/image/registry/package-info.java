/**
 * Registry I/O: one facade, {@link io.drydock.image.registry.RegistryClient}, that owns transport rules,
 * authentication (Docker config.json, credential helpers, Basic and Bearer token challenges), retries and
 * timeouts. Each remote operation is one package-private class behind it.
 */
@NullMarked
package io.drydock.image.registry;

import org.jspecify.annotations.NullMarked;
