package io.drydock.image.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestsTest {
  private static final String D1 = "sha256:" + "1".repeat(64);
  private static final String D2 = "sha256:" + "2".repeat(64);
  private static final String D3 = "sha256:" + "3".repeat(64);

  private static Manifest parse(String json, String declared) {
    return Manifests.parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), declared, "manifest m from test");
  }

  private static String manifest(String mediaTypeField) {
    return "{'schemaVersion':2," + mediaTypeField + "'config':{'mediaType':'application/vnd.oci.image.config.v1+json','digest':'" + D1
        + "','size':10},'layers':[{'mediaType':'application/vnd.oci.image.layer.v1.tar+gzip','digest':'" + D2 + "','size':20}]}";
  }

  private static String index(String mediaTypeField) {
    return "{'schemaVersion':2," + mediaTypeField + "'manifests':[{'mediaType':'application/vnd.oci.image.manifest.v1+json','digest':'"
        + D1 + "','size':10,'platform':{'os':'linux','architecture':'amd64'}}]}";
  }

  @ParameterizedTest(name = "{0} / declared {1} -> {2}")
  @CsvSource(nullValues = "null", value = {
      "oci manifest with mediaType,  null,                                                        application/vnd.oci.image.manifest.v1+json",
      "oci manifest no mediaType,    null,                                                        application/vnd.oci.image.manifest.v1+json",
      "oci manifest no mediaType,    application/vnd.docker.distribution.manifest.v2+json,        application/vnd.docker.distribution.manifest.v2+json",
      "docker manifest,              application/vnd.docker.distribution.manifest.v2+json,        application/vnd.docker.distribution.manifest.v2+json",
      "docker manifest,              application/json,                                            application/vnd.docker.distribution.manifest.v2+json",
      "docker manifest,              'application/vnd.docker.distribution.manifest.v2+json; charset=utf-8', application/vnd.docker.distribution.manifest.v2+json",
      "oci index with mediaType,     application/vnd.oci.image.index.v1+json,                     application/vnd.oci.image.index.v1+json",
      "oci index no mediaType,       null,                                                        application/vnd.oci.image.index.v1+json",
      "docker list,                  null,                                                        application/vnd.docker.distribution.manifest.list.v2+json",
  })
  void recognisesMediaTypes(String kind, String declared, String expected) {
    String json = switch (kind.trim()) {
      case "oci manifest with mediaType" -> manifest("'mediaType':'application/vnd.oci.image.manifest.v1+json',");
      case "oci manifest no mediaType" -> manifest("");
      case "docker manifest" -> manifest("'mediaType':'application/vnd.docker.distribution.manifest.v2+json',");
      case "oci index with mediaType" -> index("'mediaType':'application/vnd.oci.image.index.v1+json',");
      case "oci index no mediaType" -> index("");
      case "docker list" -> index("'mediaType':'application/vnd.docker.distribution.manifest.list.v2+json',");
      default -> throw new IllegalArgumentException(kind);
    };
    Manifest m = parse(json, declared);
    assertThat(m.mediaType()).isEqualTo(expected);
    if (m instanceof Manifest.Image image) {
      assertThat(image.config().digest()).hasToString(D1);
      assertThat(image.layers()).singleElement().satisfies(l -> assertThat(l.size()).isEqualTo(20));
    } else {
      assertThat(((Manifest.Index) m).manifests()).singleElement()
          .satisfies(d -> assertThat(d.platform()).isEqualTo(Platform.parse("linux/amd64")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "schema1 by version      | {'schemaVersion':1,'name':'x','tag':'y','fsLayers':[]}                 | schema 1",
      "schema1 signed type     | {'schemaVersion':1,'mediaType':'application/vnd.docker.distribution.manifest.v1+prettyjws'} | schema 1",
      "truncated json          | {'schemaVersion':2,'config':                                             | malformed JSON",
      "not an object           | [1,2]                                                                    | not a JSON object",
      "duplicate key           | {'schemaVersion':2,'layers':[],'layers':[]}                              | malformed JSON",
      "unknown type            | {'schemaVersion':2,'mediaType':'application/vnd.foo'}                   | 'application/vnd.foo' is not an image manifest",
      "no config               | {'schemaVersion':2,'mediaType':'application/vnd.oci.image.manifest.v1+json','layers':[]} | config is missing",
      "bad digest              | {'schemaVersion':2,'mediaType':'application/vnd.oci.image.manifest.v1+json','config':{'mediaType':'a','digest':'sha256:xyz','size':1},'layers':[]} | config.digest is not a valid digest",
      "md5 digest              | {'schemaVersion':2,'mediaType':'application/vnd.oci.image.manifest.v1+json','config':{'mediaType':'a','digest':'md5:abc','size':1},'layers':[]} | unsupported digest algorithm",
      "negative size           | {'schemaVersion':2,'mediaType':'application/vnd.oci.image.manifest.v1+json','config':{'mediaType':'a','digest':'" + "sha256:1111111111111111111111111111111111111111111111111111111111111111" + "','size':-1},'layers':[]} | config.size is negative",
      "size as string          | {'schemaVersion':2,'manifests':[{'mediaType':'a','digest':'sha256:1111111111111111111111111111111111111111111111111111111111111111','size':'1'}]} | manifests[0].size is not an integer",
      "layers not array        | {'schemaVersion':2,'mediaType':'application/vnd.oci.image.manifest.v1+json','config':{'mediaType':'a','digest':'sha256:1111111111111111111111111111111111111111111111111111111111111111','size':1},'layers':{}} | layers is not an array",
      "no version no type      | {'layers':[]}                                                            | neither a mediaType nor schemaVersion 2",
  })
  void refusesBadManifests(String name, String json, String reason) {
    assertThatThrownBy(() -> parse(json, null))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
          assertThat(e.getMessage()).startsWith("Tried to parse manifest m from test but failed because: ").contains(reason)
              .doesNotContain("\n");
        });
  }

  @Test
  void contentTypeContradictingBodyIsRefused() {
    assertThatThrownBy(() -> parse(manifest("'mediaType':'application/vnd.oci.image.manifest.v1+json',"), "application/vnd.oci.image.index.v1+json"))
        .isInstanceOf(DrydockException.class).hasMessageContaining("served as 'application/vnd.oci.image.index.v1+json'");
  }

  @Test
  void refusesOversizedWithoutParsing() {
    byte[] big = new byte[(int) Manifests.MAX_MANIFEST_BYTES + 1];
    assertThatThrownBy(() -> Manifests.parse(big, null, "m"))
        .isInstanceOf(DrydockException.class).hasMessageContaining("more than the 4194304 allowed");
  }

  private static Descriptor entry(String digest, String platform, Map<String, String> annotations) {
    return new Descriptor(MediaTypes.OCI_MANIFEST, io.drydock.model.Digest.parse(digest), 1,
        platform == null ? null : Platform.parse(platform), annotations);
  }

  private static final Manifest.Index MULTI = new Manifest.Index(MediaTypes.OCI_INDEX, List.of(
      entry(D1, "linux/amd64", Map.of()),
      entry(D2, "linux/arm64", Map.of()),
      entry(D3, "linux/arm/v7", Map.of()),
      entry("sha256:" + "4".repeat(64), "unknown/unknown", Map.of("vnd.docker.reference.type", "attestation-manifest")),
      entry("sha256:" + "5".repeat(64), "linux/arm64/v8", Map.of()),
      entry("sha256:" + "6".repeat(64), "linux/arm/v6", Map.of())));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "linux/amd64,    1",
      "linux/arm64/v8, 5",
      "linux/arm64,    2",
      "linux/arm/v7,   3",
      "linux/arm/v6,   6",
      "linux/arm,      3",
  })
  void selectsPlatform(String wanted, String digestDigit) {
    assertThat(Manifests.selectPlatform(MULTI, Platform.parse(wanted), "index").digest().hex()).isEqualTo(digestDigit.repeat(64));
  }

  @Test
  void missingPlatformIsNotFoundListingAvailableOnesWithoutAttestations() {
    assertThatThrownBy(() -> Manifests.selectPlatform(MULTI, Platform.parse("linux/s390x"), "index sha256:x from r"))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
          assertThat(e.getMessage()).isEqualTo("Tried to choose platform linux/s390x from index sha256:x from r but failed because: it has only "
              + "linux/amd64, linux/arm64, linux/arm/v7, linux/arm64/v8, linux/arm/v6; pick one with --platform");
        });
  }

  @Test
  void attestationIsNeverChosenEvenAsOnlyOtherEntry() {
    Manifest.Index index = new Manifest.Index(MediaTypes.OCI_INDEX, List.of(
        entry(D1, "linux/arm64", Map.of()), entry(D2, "unknown/unknown", Map.of())));
    assertThatThrownBy(() -> Manifests.selectPlatform(index, Platform.parse("linux/amd64"), "i"))
        .hasMessageEndingWith("it has only linux/arm64; pick one with --platform");
  }

  @Test
  void singleEntryWithoutPlatformIsChosen() {
    Manifest.Index index = new Manifest.Index(MediaTypes.OCI_INDEX, List.of(entry(D1, null, Map.of())));
    assertThat(Manifests.selectPlatform(index, Platform.parse("linux/amd64"), "i").digest()).hasToString(D1);
  }
}
