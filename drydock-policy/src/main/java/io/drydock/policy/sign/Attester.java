package io.drydock.policy.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.image.RawManifest;
import io.drydock.image.registry.PushBlob;
import io.drydock.image.registry.RegistryClient;
import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code drydock attest}: an in-toto statement (v0.1, subject = the image's repository and digest) around a
 * predicate, in a DSSE envelope signed with the cosign key, appended as a layer ({@code
 * application/vnd.dsse.envelope.v1+json}, annotations {@code predicateType} and an empty cosign signature) to
 * the manifest at {@code sha256-<hex>.att} — cosign's {@code attest --key … --tlog-upload=false} layout.
 */
public final class Attester {
  public static final String DSSE_MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";
  public static final String STATEMENT_V01 = "https://in-toto.io/Statement/v0.1";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** cosign's {@code --type} short names. */
  static final Map<String, String> TYPES = Map.of(
      "cyclonedx", "https://cyclonedx.org/bom",
      "spdx", "https://spdx.dev/Document",
      "spdxjson", "https://spdx.dev/Document",
      "slsaprovenance", "https://slsa.dev/provenance/v0.2",
      "slsaprovenance02", "https://slsa.dev/provenance/v0.2",
      "slsaprovenance1", "https://slsa.dev/provenance/v1",
      "link", "https://in-toto.io/Link/v1",
      "vuln", "https://cosign.sigstore.dev/attestation/vuln/v1",
      "openvex", "https://openvex.dev/ns",
      "custom", "https://cosign.sigstore.dev/attestation/v1");

  /** What was written. */
  public record Attested(Digest image, String tag, String predicateType, int attestations) {}

  private final RegistryClient registry;

  public Attester(RegistryClient registry) {
    this.registry = registry;
  }

  /** A short name's predicate URI, or the argument itself when it is a URI. Pure. */
  public static String predicateType(String type) {
    String t = TYPES.get(type.toLowerCase(Locale.ROOT));
    if (t != null) {
      return t;
    }
    if (type.contains("://")) {
      return type;
    }
    throw io.drydock.model.DrydockException.usage("Tried to attest but failed because: unknown --type '" + type
        + "' (one of " + String.join(", ", new java.util.TreeSet<>(TYPES.keySet())) + ", or a predicate URI)");
  }

  /** The in-toto statement bytes. Pure. */
  static byte[] statement(String repository, Digest digest, String predicateType, byte[] predicate) {
    JsonNode p;
    try {
      p = JSON.readTree(predicate);
    } catch (IOException e) {
      throw new SignFailure(SignFailure.Reason.MALFORMED, "Tried to attest but failed because: the predicate is not JSON");
    }
    if (p == null) {
      throw new SignFailure(SignFailure.Reason.MALFORMED, "Tried to attest but failed because: the predicate is empty");
    }
    try {
      return ("{\"_type\":\"" + STATEMENT_V01 + "\",\"predicateType\":" + JSON.writeValueAsString(predicateType)
          + ",\"subject\":[{\"name\":" + JSON.writeValueAsString(repository) + ",\"digest\":{\"" + digest.algorithm() + "\":\""
          + digest.hex() + "\"}}],\"predicate\":" + JSON.writeValueAsString(p) + "}").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The DSSE envelope over {@code statement}, signed with {@code key}. Pure apart from ECDSA's randomness. */
  static byte[] envelope(byte[] statement, PrivateKey key) {
    byte[] sig = Ecdsa.sign(key, SigstoreBundle.pae(SigstoreBundle.INTOTO_PAYLOAD_TYPE, statement));
    Base64.Encoder b64 = Base64.getEncoder();
    return ("{\"payloadType\":\"" + SigstoreBundle.INTOTO_PAYLOAD_TYPE + "\",\"payload\":\"" + b64.encodeToString(statement)
        + "\",\"signatures\":[{\"keyid\":\"\",\"sig\":\"" + b64.encodeToString(sig) + "\"}]}").getBytes(StandardCharsets.UTF_8);
  }

  public Attested attest(ImageRef image, PrivateKey key, String predicateType, byte[] predicate) throws IOException {
    Digest digest = image.digest() != null ? image.digest() : registry.headDigest(image);
    byte[] envelope = envelope(statement(Signer.dockerReference(image), digest, predicateType, predicate), key);
    String tag = digest.algorithm() + "-" + digest.hex() + ".att";
    ImageRef attRef = new ImageRef(image.registry(), image.repository(), tag, null);
    List<SignatureManifest.Layer> layers = new ArrayList<>();
    RawManifest existing = Verifier.fetchIfPresent(registry, attRef);
    if (existing != null) {
      layers.addAll(SignatureManifest.layers(existing.bytes(), attRef.toString()));
    }
    PushBlob blob = PushBlob.of(envelope);
    layers.add(new SignatureManifest.Layer(DSSE_MEDIA_TYPE, blob.digest(), envelope.length,
        Map.of(SignatureManifest.SIGNATURE_ANNOTATION, "", "predicateType", predicateType)));
    SignatureManifest.Built built = SignatureManifest.build(layers);
    registry.pushImage(attRef, SignatureManifest.OCI_MANIFEST, built.manifest(), List.of(PushBlob.of(built.config()), blob));
    return new Attested(digest, tag, predicateType, layers.size());
  }
}
