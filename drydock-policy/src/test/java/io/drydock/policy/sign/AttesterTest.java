package io.drydock.policy.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class AttesterTest {
  @Test
  void predicateTypesAsCosignNamesThem() {
    assertThat(Attester.predicateType("cyclonedx")).isEqualTo("https://cyclonedx.org/bom");
    assertThat(Attester.predicateType("SPDXJSON")).isEqualTo("https://spdx.dev/Document");
    assertThat(Attester.predicateType("slsaprovenance1")).isEqualTo("https://slsa.dev/provenance/v1");
    assertThat(Attester.predicateType("openvex")).isEqualTo("https://openvex.dev/ns");
    assertThat(Attester.predicateType("https://example.com/p/v1")).isEqualTo("https://example.com/p/v1");
    assertThatThrownBy(() -> Attester.predicateType("sbom")).isInstanceOf(DrydockException.class).hasMessageContaining("cyclonedx");
  }

  @Test
  void theEnvelopeVerifiesOverThePaeAndTheStatementNamesTheImage() throws Exception {
    byte[] pass = new byte[0];
    CosignKeys.Files keys = CosignKeys.generate(pass, new SecureRandom());
    Digest d = Digest.sha256(new byte[] {1});
    byte[] st = Attester.statement("r.example/app", d, "https://cyclonedx.org/bom", "{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(st, StandardCharsets.UTF_8)).isEqualTo("{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":"
        + "\"https://cyclonedx.org/bom\",\"subject\":[{\"name\":\"r.example/app\",\"digest\":{\"sha256\":\"" + d.hex() + "\"}}],"
        + "\"predicate\":{\"a\":1}}");
    byte[] env = Attester.envelope(st, CosignKeys.loadPrivate(keys.privatePem(), pass, "k"));
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(env);
    assertThat(Ecdsa.verify(CosignKeys.loadPublic(keys.publicPem(), "p"), SigstoreBundle.pae(SigstoreBundle.INTOTO_PAYLOAD_TYPE, st),
        json.path("signatures").path(0).path("sig").asText())).isTrue();
    assertThatThrownBy(() -> Attester.statement("r", d, "t", "not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(SignFailure.class, e -> assertThat(e.exitCode()).isEqualTo(3));
  }
}
