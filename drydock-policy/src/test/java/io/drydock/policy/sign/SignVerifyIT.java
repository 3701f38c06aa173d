package io.drydock.policy.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.image.ImageOptions;
import io.drydock.image.registry.PushBlob;
import io.drydock.image.registry.RegistryClient;
import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sign → verify and every failure, against the shared CNCF distribution registry (DRYDOCK_TEST_REGISTRY). */
class SignVerifyIT {
  static final String REGISTRY = System.getenv().getOrDefault("DRYDOCK_TEST_REGISTRY", "127.0.0.1:5000");
  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  @TempDir
  static Path dir;
  static RegistryClient client;
  static PrivateKey key;
  static PublicKey pub;
  static PublicKey otherPub;

  @BeforeAll
  static void start() {
    client = RegistryClient.builder(ImageOptions.defaults(dir).withDockerConfigDir(dir.resolve("none"))).environment(Map.of()).build();
    byte[] pass = "pw".getBytes(StandardCharsets.UTF_8);
    CosignKeys.Files files = CosignKeys.generate(pass, new SecureRandom());
    key = CosignKeys.loadPrivate(files.privatePem(), pass, "cosign.key");
    pub = CosignKeys.loadPublic(files.publicPem(), "cosign.pub");
    otherPub = CosignKeys.loadPublic(CosignKeys.generate(pass, new SecureRandom()).publicPem(), "other.pub");
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  /** A fresh repository with a tiny image in it at {@code :v1}. */
  static ImageRef pushImage(String seed) throws Exception {
    ImageRef ref = ImageRef.parse(REGISTRY + "/drydock-it/sign-" + UUID.randomUUID().toString().substring(0, 8) + ":v1");
    PushBlob config = PushBlob.of(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"" + seed + "\"}").getBytes(StandardCharsets.UTF_8));
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.size() + ",\"digest\":\"" + config.digest()
        + "\"},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    client.pushImage(ref, MANIFEST, manifest, List.of(config));
    return ref;
  }

  static SignFailure.Reason failure(ImageRef ref, PublicKey k) {
    try {
      new Verifier(client).verify(ref, k, "cosign.pub");
      throw new AssertionError("verified");
    } catch (SignFailure f) {
      assertThat(f.getMessage()).doesNotContain("\n");
      return f.reason();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void signThenVerifyPassesAndTheSigManifestIsCosignsBytes() throws Exception {
    ImageRef ref = pushImage("ok");
    Signer.Signed signed = new Signer(client).sign(ref, key);
    Digest digest = client.headDigest(ref);
    assertThat(signed.image()).isEqualTo(digest);
    Verifier.Result r = new Verifier(client).verify(ref, pub, "cosign.pub");
    assertThat(r.verified()).singleElement().satisfies(v -> assertThat(v.dockerReference()).isEqualTo(REGISTRY + "/" + ref.repository()));

    byte[] stored = client.fetchManifest(ref.withTag(SignatureManifest.tag(digest)), 1 << 20).bytes();
    List<SignatureManifest.Layer> layers = SignatureManifest.layers(stored, "x");
    byte[] payload = SimpleSigning.payload(REGISTRY + "/" + ref.repository(), digest);
    assertThat(layers).singleElement().satisfies(l -> assertThat(l.digest()).isEqualTo(Digest.sha256(payload)));
    assertThat(stored).isEqualTo(SignatureManifest.build(layers).manifest());

    // a second signature is appended; both verify
    new Signer(client).sign(ref, key);
    assertThat(new Verifier(client).verify(ref, pub, "cosign.pub").verified()).hasSize(2);
  }

  @Test
  void anotherKeyFails() throws Exception {
    ImageRef ref = pushImage("other-key");
    new Signer(client).sign(ref, key);
    assertThat(failure(ref, otherPub)).isEqualTo(SignFailure.Reason.BAD_SIGNATURE);
    assertThat(new Verifier(client).outcome(ref, otherPub, "other.pub")).isInstanceOfSatisfying(SignatureOutcome.Refused.class,
        r -> assertThat(r.reason()).isEqualTo(SignFailure.Reason.BAD_SIGNATURE));
    assertThat(new Verifier(client).outcome(ref, pub, "cosign.pub")).isInstanceOfSatisfying(SignatureOutcome.Verified.class,
        v -> assertThat(v.identities()).containsExactly(REGISTRY + "/" + ref.repository()));
  }

  @Test
  void aMissingSignatureFails() throws Exception {
    assertThat(failure(pushImage("unsigned"), pub)).isEqualTo(SignFailure.Reason.NO_SIGNATURE);
  }

  @Test
  void aChangedPayloadFails() throws Exception {
    ImageRef ref = pushImage("changed");
    Signer.Signed signed = new Signer(client).sign(ref, key);
    ImageRef sigRef = ref.withTag(signed.signatureTag());
    SignatureManifest.Layer original = SignatureManifest.layers(client.fetchManifest(sigRef, 1 << 20).bytes(), "x").get(0);
    byte[] changed = SimpleSigning.payload("evil.example/" + ref.repository(), signed.image());
    SignatureManifest.Built built = SignatureManifest.build(List.of(new SignatureManifest.Layer(SimpleSigning.MEDIA_TYPE,
        Digest.sha256(changed), changed.length, original.annotations())));
    client.pushImage(sigRef, MANIFEST, built.manifest(), List.of(PushBlob.of(built.config()), PushBlob.of(changed)));
    assertThat(failure(ref, pub)).isEqualTo(SignFailure.Reason.BAD_SIGNATURE);
  }

  @Test
  void aSignatureOfAnotherDigestFails() throws Exception {
    ImageRef a = pushImage("a");
    Signer.Signed signed = new Signer(client).sign(a, key);
    byte[] sigManifest = client.fetchManifest(a.withTag(signed.signatureTag()), 1 << 20).bytes();
    ImageRef b = pushImage("b");
    Digest bDigest = client.headDigest(b);
    // copy a's signature manifest (and its blobs) to b's signature tag
    ImageRef bSig = b.withTag(SignatureManifest.tag(bDigest));
    for (SignatureManifest.Layer l : SignatureManifest.layers(sigManifest, "x")) {
      assertThat(client.mountBlob(bSig, l.digest(), a.repository())).isTrue();
    }
    Digest config = Digest.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(sigManifest).path("config").path("digest").asText());
    assertThat(client.mountBlob(bSig, config, a.repository())).isTrue();
    client.putManifest(bSig, MANIFEST, sigManifest);
    assertThat(failure(b, pub)).isEqualTo(SignFailure.Reason.OTHER_DIGEST);
  }

  /** A real signature cosign made (testdata/cosign, from sigstore-rs): stored as cosign stores it, it verifies. */
  @Test
  void aRealCosignSignatureVerifies() throws Exception {
    Path testdata = CosignKeysTest.TESTDATA;
    byte[] payload = Files.readAllBytes(testdata.resolve("busybox.payload.json"));
    String sig = Files.readString(testdata.resolve("busybox.payload.sig")).trim();
    PublicKey cosignKey = CosignKeys.loadPublic(Files.readString(testdata.resolve("busybox.pub")), "busybox.pub");
    Digest busybox = CosignFormatTest.BUSYBOX;
    ImageRef repo = ImageRef.parse(REGISTRY + "/drydock-it/sign-" + UUID.randomUUID().toString().substring(0, 8) + ":x");
    SignatureManifest.Built built = SignatureManifest.build(List.of(new SignatureManifest.Layer(SimpleSigning.MEDIA_TYPE,
        Digest.sha256(payload), payload.length, Map.of(SignatureManifest.SIGNATURE_ANNOTATION, sig))));
    client.pushImage(repo.withTag(SignatureManifest.tag(busybox)), MANIFEST, built.manifest(),
        List.of(PushBlob.of(built.config()), PushBlob.of(payload)));
    ImageRef pinned = new ImageRef(repo.registry(), repo.repository(), null, busybox);
    Verifier.Result r = new Verifier(client).verify(pinned, cosignKey, "busybox.pub");
    assertThat(r.verified()).singleElement().satisfies(v -> assertThat(v.dockerReference()).isEqualTo("registry-testing.svc.lan/busybox"));
    assertThat(failure(pinned, pub)).isEqualTo(SignFailure.Reason.BAD_SIGNATURE);
  }

  /** A sigstore bundle (DSSE, cosign's sign predicate) attached as a referrer verifies; the registry lacks the API. */
  @Test
  void aBundleReferrerVerifies() throws Exception {
    ImageRef ref = pushImage("bundle");
    Digest digest = client.headDigest(ref);
    byte[] imageManifest = client.fetchManifest(ref, 1 << 20).bytes();
    String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\"" + digest.hex()
        + "\"}}],\"predicateType\":\"https://sigstore.dev/cosign/sign/v1\",\"predicate\":{}}";
    byte[] body = statement.getBytes(StandardCharsets.UTF_8);
    String sig = Base64.getEncoder().encodeToString(Ecdsa.sign(key, SigstoreBundle.pae(SigstoreBundle.INTOTO_PAYLOAD_TYPE, body)));
    byte[] bundle = ("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{\"publicKey\":"
        + "{\"hint\":\"\"}},\"dsseEnvelope\":{\"payload\":\"" + Base64.getEncoder().encodeToString(body) + "\",\"payloadType\":"
        + "\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\"" + sig + "\"}]}}").getBytes(StandardCharsets.UTF_8);
    PushBlob empty = PushBlob.of("{}".getBytes(StandardCharsets.UTF_8));
    PushBlob layer = PushBlob.of(bundle);
    client.pushBlob(ref, empty);
    client.pushBlob(ref, layer);
    String artifact = "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\","
        + "\"size\":2,\"digest\":\"" + empty.digest() + "\",\"artifactType\":\"" + SigstoreBundle.MEDIA_TYPE_V03 + "\"},\"layers\":[{\"mediaType\":\""
        + SigstoreBundle.MEDIA_TYPE_V03 + "\",\"size\":" + bundle.length + ",\"digest\":\"" + layer.digest() + "\"}],\"subject\":{\"mediaType\":\""
        + MANIFEST + "\",\"size\":" + imageManifest.length + ",\"digest\":\"" + digest + "\"},\"artifactType\":\""
        + SigstoreBundle.MEDIA_TYPE_V03 + "\"}";
    client.attachReferrer(ref, digest, MANIFEST, artifact.getBytes(StandardCharsets.UTF_8), SigstoreBundle.MEDIA_TYPE_V03, Map.of());
    Verifier.Result r = new Verifier(client).verify(ref, pub, "cosign.pub");
    assertThat(r.verified()).singleElement().satisfies(v -> assertThat(v.source()).startsWith("referrer "));
    assertThat(failure(ref, otherPub)).isEqualTo(SignFailure.Reason.BAD_SIGNATURE);
  }

  /** The real keyless signature (testdata/cosign/keyless) stored as cosign stores it verifies offline by identity. */
  @Test
  void aRealKeylessSignatureVerifiesAgainstTheTrustedRoot() throws Exception {
    Path k = CosignKeysTest.TESTDATA.resolve("keyless");
    byte[] payload = Files.readAllBytes(k.resolve("payload.json"));
    Digest image = Digest.parse("sha256:5f481572d088dc4023afb35fced9530ced3d9b03bf7299c6f492163cb9f0452e");
    SignatureManifest.Built built = SignatureManifest.build(List.of(new SignatureManifest.Layer(SimpleSigning.MEDIA_TYPE,
        Digest.sha256(payload), payload.length, Map.of(SignatureManifest.SIGNATURE_ANNOTATION, Files.readString(k.resolve("payload.sig")).trim(),
            SignatureManifest.CERTIFICATE_ANNOTATION, Files.readString(k.resolve("cert.pem")),
            SignatureManifest.BUNDLE_ANNOTATION, Files.readString(k.resolve("bundle.json"))))));
    ImageRef repo = ImageRef.parse(REGISTRY + "/drydock-it/sign-" + UUID.randomUUID().toString().substring(0, 8) + ":x");
    client.pushImage(repo.withTag(SignatureManifest.tag(image)), MANIFEST, built.manifest(),
        List.of(PushBlob.of(built.config()), PushBlob.of(payload)));
    ImageRef pinned = new ImageRef(repo.registry(), repo.repository(), null, image);
    TrustedRoot root = TrustedRoot.parse(Files.readAllBytes(k.resolve("trusted_root.json")), "trusted_root.json");
    Verifier.Result r = new Verifier(client).verify(pinned, new Verifier.Trust.Keyless(root, "trusted_root.json", "flavio@castelli.me", null));
    assertThat(r.verified()).hasSize(1);
    assertThatThrownBy(() -> new Verifier(client).verify(pinned, new Verifier.Trust.Keyless(root, "trusted_root.json", "eve@example.com", null)))
        .isInstanceOfSatisfying(SignFailure.class, e -> assertThat(e.reason()).isEqualTo(SignFailure.Reason.IDENTITY_MISMATCH));
  }

  /** attest writes cosign's .att layout: a DSSE layer whose envelope verifies and whose statement names the image. */
  @Test
  void attestAppendsADsseLayerAtTheAttTag() throws Exception {
    ImageRef ref = pushImage("attest");
    byte[] bom = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[]}".getBytes(StandardCharsets.UTF_8);
    Attester.Attested done = new Attester(client).attest(ref, key, Attester.predicateType("cyclonedx"), bom);
    assertThat(done.tag()).isEqualTo("sha256-" + done.image().hex() + ".att");
    byte[] manifest = client.fetchManifest(ref.withTag(done.tag()), 1 << 20).bytes();
    SignatureManifest.Layer layer = SignatureManifest.layers(manifest, "att").get(0);
    assertThat(layer.mediaType()).isEqualTo("application/vnd.dsse.envelope.v1+json");
    assertThat(layer.annotations()).containsEntry("predicateType", "https://cyclonedx.org/bom")
        .containsEntry("dev.cosignproject.cosign/signature", "");
    byte[] envelope;
    try (var in = client.openBlob(ref, layer.digest())) {
      envelope = in.readAllBytes();
    }
    var env = new com.fasterxml.jackson.databind.ObjectMapper().readTree(envelope);
    byte[] statement = Base64.getDecoder().decode(env.path("payload").asText());
    assertThat(Ecdsa.verify(pub, SigstoreBundle.pae(env.path("payloadType").asText(), statement),
        env.path("signatures").path(0).path("sig").asText())).isTrue();
    var st = new com.fasterxml.jackson.databind.ObjectMapper().readTree(statement);
    assertThat(st.path("_type").asText()).isEqualTo("https://in-toto.io/Statement/v0.1");
    assertThat(st.path("subject").path(0).path("digest").path("sha256").asText()).isEqualTo(done.image().hex());
    assertThat(st.path("predicate").path("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(new Attester(client).attest(ref, key, "https://example.com/p/v1", "{}".getBytes(StandardCharsets.UTF_8))
        .attestations()).isEqualTo(2);
  }
}
