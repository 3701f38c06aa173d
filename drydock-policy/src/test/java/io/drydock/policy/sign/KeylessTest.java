package io.drydock.policy.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A real 2021 public-good keyless cosign signature (testdata/cosign/keyless, from sigstore-rs) verified offline. */
class KeylessTest {
  static final Path DIR = CosignKeysTest.TESTDATA.resolve("keyless");

  static String read(String name) throws Exception {
    return Files.readString(DIR.resolve(name));
  }

  static TrustedRoot root() throws Exception {
    return TrustedRoot.parse(Files.readAllBytes(DIR.resolve("trusted_root.json")), "trusted_root.json");
  }

  @Test
  void verifiesTheRealSignatureWithItsIdentity() throws Exception {
    Keyless.Identity id = Keyless.verify(Files.readAllBytes(DIR.resolve("payload.json")), read("payload.sig"), read("cert.pem"),
        read("bundle.json"), root(), "flavio@castelli.me", null);
    assertThat(id.subject()).isEqualTo("flavio@castelli.me");
    assertThat(id.issuer()).isNull();
    assertThat(id.integratedTime()).isEqualTo(Instant.ofEpochSecond(1634714717));
  }

  @Test
  void eachTamperingFailsWithItsReason() throws Exception {
    byte[] payload = Files.readAllBytes(DIR.resolve("payload.json"));
    String sig = read("payload.sig");
    String cert = read("cert.pem");
    String bundle = read("bundle.json");
    TrustedRoot root = root();
    assertThatThrownBy(() -> Keyless.verify(payload, sig, cert, bundle, root, "mallory@example.com", null))
        .isInstanceOfSatisfying(SignFailure.class, e -> assertThat(e.reason()).isEqualTo(SignFailure.Reason.IDENTITY_MISMATCH));
    assertThatThrownBy(() -> Keyless.verify(payload, sig, cert, bundle, root, null, "https://github.com/login/oauth"))
        .isInstanceOfSatisfying(SignFailure.class, e -> assertThat(e.getMessage()).contains("no OIDC issuer extension"));
    byte[] changed = new String(payload).replace("nodeport", "nodeporT").getBytes();
    assertThatThrownBy(() -> Keyless.verify(changed, sig, cert, bundle, root, null, null))
        .isInstanceOfSatisfying(SignFailure.class, e -> assertThat(e.getMessage()).contains("records another payload"));
    String laterTime = bundle.replace("\"integratedTime\":1634714717", "\"integratedTime\":1634800000");
    assertThatThrownBy(() -> Keyless.verify(payload, sig, cert, laterTime, root, null, null))
        .isInstanceOfSatisfying(SignFailure.class, e -> assertThat(e.getMessage()).contains("SignedEntryTimestamp"));
    TrustedRoot noFulcio = new TrustedRoot(java.util.List.of(), root.rekorByLogIdHex());
    assertThatThrownBy(() -> Keyless.verify(payload, sig, cert, bundle, noFulcio, null, null))
        .isInstanceOfSatisfying(SignFailure.class, e -> assertThat(e.getMessage()).contains("does not chain"));
  }

  @Test
  void theCertificateIsJudgedAtTheIntegratedTimeNotNow() throws Exception {
    var cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificate(Files.newInputStream(DIR.resolve("cert.pem")));
    TrustedRoot root = root();
    Keyless.chain(cert, root, Instant.ofEpochSecond(1634714717));
    assertThatThrownBy(() -> Keyless.chain(cert, root, Instant.ofEpochSecond(1634714717 + 3600)))
        .isInstanceOf(SignFailure.class);
  }
}
