package io.drydock.policy.sign;

import io.drydock.image.RawManifest;
import io.drydock.image.registry.Referrer;
import io.drydock.image.registry.RegistryClient;
import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import java.io.IOException;
import java.io.InputStream;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code drydock verify}: the image's cosign signatures ({@code sha256-<hex>.sig} layers) and sigstore bundles
 * attached as OCI 1.1 referrers, checked against a public key. Verified when at least one signature verifies
 * and names the image's digest; otherwise the most telling failure is thrown as a {@link SignFailure}:
 * another digest, then a bad signature, then none at all. Meant to back the policy's {@code signature
 * required} rule (image digest + registry → verified signatures or the reason).
 */
public final class Verifier {
  static final long MAX_MANIFEST = 4L * 1024 * 1024;
  static final int MAX_PAYLOAD = 1024 * 1024;

  /** One verified signature: where it was found. */
  public record Verified(String source, Digest layerOrManifest, String dockerReference) {}

  /** The verified signatures of {@code image}, and how many candidates were looked at. */
  public record Result(Digest image, List<Verified> verified, int examined) {}

  /** What a signature must verify with. */
  public sealed interface Trust permits Trust.Key, Trust.Keyless {
    String name();

    /** A cosign public key. */
    record Key(PublicKey key, String name) implements Trust {}

    /** Fulcio certificate + Rekor bundle against a trusted root, with the identity and issuer asked for (null = any). */
    record Keyless(TrustedRoot root, String name, @org.jspecify.annotations.Nullable String identity,
        @org.jspecify.annotations.Nullable String issuer) implements Trust {}
  }

  private final RegistryClient registry;

  public Verifier(RegistryClient registry) {
    this.registry = registry;
  }

  public Result verify(ImageRef image, PublicKey key, String keyName) throws IOException {
    return verify(image, new Trust.Key(key, keyName));
  }

  public Result verify(ImageRef image, Trust trust) throws IOException {
    String keyName = trust.name();
    Digest digest = image.digest() != null ? image.digest() : registry.headDigest(image);
    String where = image.registry() + "/" + image.repository() + "@" + digest;
    List<Verified> ok = new ArrayList<>();
    List<String> otherDigest = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    List<String> identity = new ArrayList<>();
    int examined = 0;

    ImageRef sigRef = new ImageRef(image.registry(), image.repository(), SignatureManifest.tag(digest), null);
    RawManifest m = fetchIfPresent(registry, sigRef);
    if (m != null) {
      for (SignatureManifest.Layer layer : SignatureManifest.layers(m.bytes(), sigRef.toString())) {
        if (!layer.mediaType().equals(SimpleSigning.MEDIA_TYPE)) {
          continue;
        }
        examined++;
        byte[] payload = blob(image, layer.digest());
        if (!Digest.sha256(payload).equals(layer.digest())) {
          bad.add("the payload of layer " + layer.digest().shortHex() + " was changed (its bytes do not match the digest)");
          continue;
        }
        if (trust instanceof Trust.Key k && !Ecdsa.verify(k.key(), payload, layer.signature())) {
          bad.add("the signature in layer " + layer.digest().shortHex() + " does not verify with " + keyName);
          continue;
        }
        if (trust instanceof Trust.Keyless kl) {
          String cert = layer.annotations().get(SignatureManifest.CERTIFICATE_ANNOTATION);
          String rekor = layer.annotations().get(SignatureManifest.BUNDLE_ANNOTATION);
          if (cert == null || rekor == null) {
            bad.add("layer " + layer.digest().shortHex() + " has no Fulcio certificate and Rekor bundle");
            continue;
          }
          try {
            Keyless.verify(payload, layer.signature(), cert, rekor, kl.root(), kl.identity(), kl.issuer());
          } catch (SignFailure f) {
            if (f.reason() == SignFailure.Reason.IDENTITY_MISMATCH) {
              identity.add(f.getMessage());
            } else {
              bad.add("layer " + layer.digest().shortHex() + ": " + f.getMessage());
            }
            continue;
          }
        }
        SimpleSigning.Claim claim = SimpleSigning.parse(payload);
        if (claim == null) {
          bad.add("layer " + layer.digest().shortHex() + " holds no simple-signing payload");
        } else if (!claim.manifestDigest().equals(digest)) {
          otherDigest.add(claim.manifestDigest().toString());
        } else {
          ok.add(new Verified(SignatureManifest.tag(digest), layer.digest(), claim.dockerReference()));
        }
      }
    }
    List<Referrer> referrers = trust instanceof Trust.Key ? registry.referrers(image, digest, SigstoreBundle.MEDIA_TYPE_V03)
        : List.of(); // keyless bundles (certificate + tlog entry inside the bundle) are not read yet
    PublicKey key = trust instanceof Trust.Key k ? k.key() : null;
    for (Referrer r : referrers) {
      RawManifest rm = registry.fetchManifest(new ImageRef(image.registry(), image.repository(), null, r.digest()), MAX_MANIFEST);
      for (SignatureManifest.Layer layer : SignatureManifest.layers(rm.bytes(), "referrer " + r.digest())) {
        if (!layer.mediaType().startsWith("application/vnd.dev.sigstore.bundle")) {
          continue;
        }
        examined++;
        byte[] bundle = blob(image, layer.digest());
        switch (SigstoreBundle.verify(bundle, java.util.Objects.requireNonNull(key), digest)) {
          case VERIFIED -> ok.add(new Verified("referrer " + r.digest().shortHex(), r.digest(), ""));
          case OTHER_DIGEST -> otherDigest.add("(bundle " + r.digest().shortHex() + ")");
          case BAD_SIGNATURE -> bad.add("the bundle in referrer " + r.digest().shortHex() + " does not verify with " + keyName);
          case MALFORMED -> bad.add("referrer " + r.digest().shortHex() + " holds no sigstore bundle drydock can read");
        }
      }
    }
    if (!ok.isEmpty()) {
      return new Result(digest, List.copyOf(ok), examined);
    }
    String prefix = "Tried to verify " + where + " with " + keyName + " but failed because: ";
    if (!otherDigest.isEmpty()) {
      throw new SignFailure(SignFailure.Reason.OTHER_DIGEST, prefix + "the signature verifies but was made for another image, "
          + otherDigest.get(0));
    }
    if (!identity.isEmpty()) {
      throw new SignFailure(SignFailure.Reason.IDENTITY_MISMATCH, prefix + identity.get(0));
    }
    if (!bad.isEmpty()) {
      throw new SignFailure(SignFailure.Reason.BAD_SIGNATURE, prefix + bad.get(0)
          + (bad.size() > 1 ? " (and " + (bad.size() - 1) + " more)" : "")
          + ": the payload was changed after signing, or another key signed it");
    }
    throw new SignFailure(SignFailure.Reason.NO_SIGNATURE, prefix + "the image has no signature (no "
        + SignatureManifest.tag(digest) + " tag and no sigstore bundle referrer)");
  }

  /**
   * {@link #verify} as a value: for the policy's {@code signature required} rule, which wants a verdict, not an
   * exception. Registry failures (unreachable, auth) still throw.
   */
  public SignatureOutcome outcome(ImageRef pinned, PublicKey key, String keyName) throws IOException {
    Digest digest = pinned.digest() != null ? pinned.digest() : registry.headDigest(pinned);
    ImageRef byDigest = new ImageRef(pinned.registry(), pinned.repository(), null, digest);
    try {
      Result r = verify(byDigest, key, keyName);
      return new SignatureOutcome.Verified(digest, r.verified().stream()
          .map(v -> v.dockerReference().isEmpty() ? v.source() : v.dockerReference()).distinct().toList());
    } catch (SignFailure f) {
      return new SignatureOutcome.Refused(digest, f.reason(), f.getMessage());
    }
  }

  /** The manifest at {@code ref}, or null when the registry has no such tag (one GET, no HEAD first). */
  static @org.jspecify.annotations.Nullable RawManifest fetchIfPresent(RegistryClient registry, ImageRef ref) throws IOException {
    try {
      return registry.fetchManifest(ref, MAX_MANIFEST);
    } catch (io.drydock.model.DrydockException e) {
      if (e.kind() == io.drydock.model.ErrorKind.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  private byte[] blob(ImageRef image, Digest digest) throws IOException {
    try (InputStream in = registry.openBlob(image, digest)) {
      byte[] b = in.readNBytes(MAX_PAYLOAD + 1);
      if (b.length > MAX_PAYLOAD) {
        throw new SignFailure(SignFailure.Reason.MALFORMED, "Tried to read signature blob " + digest
            + " but failed because: it is over " + MAX_PAYLOAD + " bytes");
      }
      return b;
    }
  }
}
