package io.drydock.policy.sign;

import io.drydock.image.RawManifest;
import io.drydock.image.registry.PushBlob;
import io.drydock.image.registry.RegistryClient;
import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import java.io.IOException;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code drydock sign}: signs an image's manifest digest with a cosign key and stores the signature as cosign
 * does — a simple-signing payload layer appended to the manifest at {@code sha256-<hex>.sig} in the image's
 * repository, after the signatures already there (an identical layer is not added twice).
 */
public final class Signer {
  /** What was written. */
  public record Signed(Digest image, String signatureTag, Digest signatureManifest, int signatures, boolean appended) {}

  private final RegistryClient registry;

  public Signer(RegistryClient registry) {
    this.registry = registry;
  }

  /** cosign's {@code docker-reference}: the repository with its registry, Docker Hub as {@code index.docker.io}. */
  public static String dockerReference(ImageRef ref) {
    String host = ref.registry().equals(ImageRef.DOCKER_HUB) ? "index.docker.io" : ref.registry();
    return host + "/" + ref.repository();
  }

  public Signed sign(ImageRef image, PrivateKey key) throws IOException {
    Digest digest = image.digest() != null ? image.digest() : registry.headDigest(image);
    byte[] payload = SimpleSigning.payload(dockerReference(image), digest);
    String signature = Base64.getEncoder().encodeToString(Ecdsa.sign(key, payload));
    ImageRef sigRef = new ImageRef(image.registry(), image.repository(), SignatureManifest.tag(digest), null);
    List<SignatureManifest.Layer> layers = new ArrayList<>();
    RawManifest existing = Verifier.fetchIfPresent(registry, sigRef);
    if (existing != null) {
      layers.addAll(SignatureManifest.layers(existing.bytes(), sigRef.toString()));
    }
    PushBlob payloadBlob = PushBlob.of(payload);
    SignatureManifest.Layer layer = new SignatureManifest.Layer(SimpleSigning.MEDIA_TYPE, payloadBlob.digest(), payload.length,
        Map.of(SignatureManifest.SIGNATURE_ANNOTATION, signature));
    boolean appended = layers.stream().noneMatch(l -> l.digest().equals(layer.digest()) && l.signature().equals(signature));
    if (appended) {
      layers.add(layer);
    }
    SignatureManifest.Built built = SignatureManifest.build(layers);
    Digest pushed = registry.pushImage(sigRef, SignatureManifest.OCI_MANIFEST, built.manifest(),
        List.of(PushBlob.of(built.config()), payloadBlob));
    return new Signed(digest, SignatureManifest.tag(digest), pushed, layers.size(), appended);
  }
}
