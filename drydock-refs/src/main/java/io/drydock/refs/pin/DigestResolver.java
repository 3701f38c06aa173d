package io.drydock.refs.pin;

import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import java.io.IOException;

/**
 * What a tag points at now: the digest the registry serves for it (the index digest for a multi-arch image).
 * {@code io.drydock.image.registry.RegistryClient::headDigest} is one.
 */
@FunctionalInterface
public interface DigestResolver {
  Digest digestOf(ImageRef tagRef) throws IOException;
}
