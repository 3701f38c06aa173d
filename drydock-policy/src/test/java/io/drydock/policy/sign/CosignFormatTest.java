package io.drydock.policy.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire format against cosign's: a real cosign signature, and the .sig manifest built byte for byte. */
class CosignFormatTest {
  static final Digest BUSYBOX = Digest.parse("sha256:f3cfc9d0dbf931d3db4685ec659b7ac68e2a578219da4aae65427886e649b06b");

  @Test
  void ourPayloadIsTheOneCosignSignedAndItsSignatureVerifies() throws Exception {
    byte[] cosigns = Files.readAllBytes(CosignKeysTest.TESTDATA.resolve("busybox.payload.json"));
    byte[] ours = SimpleSigning.payload("registry-testing.svc.lan/busybox", BUSYBOX);
    assertThat(new String(ours, StandardCharsets.UTF_8)).isEqualTo(new String(cosigns, StandardCharsets.UTF_8));
    PublicKey key = CosignKeys.loadPublic(CosignKeysTest.read("busybox.pub"), "busybox.pub");
    String sig = CosignKeysTest.read("busybox.payload.sig");
    assertThat(Ecdsa.verify(key, cosigns, sig)).isTrue();
    byte[] changed = SimpleSigning.payload("registry-testing.svc.lan/busybox2", BUSYBOX);
    assertThat(Ecdsa.verify(key, changed, sig)).isFalse();
    assertThat(SimpleSigning.parse(cosigns)).isEqualTo(new SimpleSigning.Claim("registry-testing.svc.lan/busybox", BUSYBOX,
        SimpleSigning.TYPE));
  }

  @Test
  void dockerReferenceIsCosignsRepositoryName() {
    assertThat(Signer.dockerReference(ImageRef.parse("alpine:3.20"))).isEqualTo("index.docker.io/library/alpine");
    assertThat(Signer.dockerReference(ImageRef.parse("127.0.0.1:5000/fixtures/alpine:3.20.3")))
        .isEqualTo("127.0.0.1:5000/fixtures/alpine");
  }

  /** Written out by hand from go-containerregistry's struct order, as a cosign .sig manifest is stored. */
  @Test
  void buildsTheSignatureManifestAndConfigByteForByte() {
    byte[] payload = SimpleSigning.payload("registry-testing.svc.lan/busybox", BUSYBOX);
    Digest p = Digest.sha256(payload);
    String sig = "MEUCIQD6q/COgzOyW0YH1Dk+CCYSt4uAhm3FDHUwvPI55zwnlwIgE0ZK58ZOWpZw8YVmBapJhBqCfdPekIknimuO0xH8Jh8=";
    SignatureManifest.Built built = SignatureManifest.build(List.of(new SignatureManifest.Layer(SimpleSigning.MEDIA_TYPE, p,
        payload.length, Map.of(SignatureManifest.SIGNATURE_ANNOTATION, sig))));
    String config = "{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":\"0001-01-01T00:00:00Z\"}],"
        + "\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + p + "\"]},\"config\":{}}";
    assertThat(new String(built.config(), StandardCharsets.UTF_8)).isEqualTo(config);
    assertThat(built.config()).hasSize(233); // the config size every single-signature cosign .sig manifest shows
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{"
        + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":233,\"digest\":\""
        + Digest.sha256(config.getBytes(StandardCharsets.UTF_8)) + "\"},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.dev.cosign.simplesigning.v1+json\",\"size\":" + payload.length + ",\"digest\":\"" + p
        + "\",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"" + sig + "\"}}]}";
    assertThat(new String(built.manifest(), StandardCharsets.UTF_8)).isEqualTo(manifest);
    assertThat(SignatureManifest.layers(built.manifest(), "x")).singleElement()
        .satisfies(l -> assertThat(l.signature()).isEqualTo(sig));
    assertThat(SignatureManifest.tag(BUSYBOX)).isEqualTo("sha256-" + BUSYBOX.hex() + ".sig");
  }

  @Test
  void annotationsAreSortedAndEscapedAsGoDoes() {
    SignatureManifest.Built built = SignatureManifest.build(List.of(new SignatureManifest.Layer(SimpleSigning.MEDIA_TYPE,
        BUSYBOX, 1, Map.of("z", "a<b", "dev.sigstore.cosign/bundle", "{}", SignatureManifest.SIGNATURE_ANNOTATION, "s"))));
    assertThat(new String(built.manifest(), StandardCharsets.UTF_8)).contains(
        "\"annotations\":{\"dev.cosignproject.cosign/signature\":\"s\",\"dev.sigstore.cosign/bundle\":\"{}\",\"z\":\"a\\u003cb\"}");
  }

  @Test
  void dssePreAuthenticationEncoding() {
    assertThat(new String(SigstoreBundle.pae("application/vnd.in-toto+json", "{}".getBytes()), StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 28 application/vnd.in-toto+json 2 {}");
  }
}
