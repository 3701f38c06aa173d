package io.drydock.image.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tag-schema fallback index: created, appended to, never duplicated. Pure. */
class FetchReferrersTest {
  static final Digest A = Digest.sha256(new byte[] {1});
  static final Digest B = Digest.sha256(new byte[] {2});

  @Test
  void createsAppendsAndDeduplicates() {
    Referrer a = new Referrer(FetchManifest.OCI_MANIFEST, A, 10, "application/x", Map.of("k", "v"));
    byte[] one = FetchReferrers.withEntry(null, a, "t");
    assertThat(new String(one, StandardCharsets.UTF_8)).isEqualTo("{\"schemaVersion\":2,\"mediaType\":\""
        + FetchManifest.OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\"" + FetchManifest.OCI_MANIFEST + "\",\"digest\":\"" + A
        + "\",\"size\":10,\"artifactType\":\"application/x\",\"annotations\":{\"k\":\"v\"}}]}");
    assertThat(FetchReferrers.withEntry(one, a, "t")).isSameAs(one);
    byte[] two = FetchReferrers.withEntry(one, new Referrer(FetchManifest.OCI_MANIFEST, B, 3, null, Map.of()), "t");
    assertThat(FetchReferrers.parse(two, "t")).extracting(Referrer::digest).containsExactly(A, B);
    assertThat(FetchReferrers.filter(FetchReferrers.parse(two, "t"), "application/x")).extracting(Referrer::digest).containsExactly(A);
    assertThat(FetchReferrers.fallbackTag(A)).isEqualTo("sha256-" + A.hex());
  }
}
