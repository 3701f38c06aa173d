package io.drydock.image.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageConfig;
import io.drydock.model.LayerInfo;
import io.drydock.model.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageConfigsTest {
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);

  private static ParsedConfig parse(String json) {
    return ImageConfigs.parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), "config c of test");
  }

  private static final String FULL = """
      {'created':'2024-01-02T03:04:05Z','architecture':'arm64','variant':'v8','os':'linux',
       'config':{'User':'app:app','Entrypoint':['/entry.sh'],'Cmd':'serve','Env':['A=1','PATH=/bin'],
         'ExposedPorts':{'8080/tcp':{},'53/udp':{}},'WorkingDir':'/srv','Labels':{'org.opencontainers.image.version':'1.2','n':null},
         'Healthcheck':{'Test':['CMD-SHELL','curl -f localhost'],'Interval':30000000000,'Timeout':5000000000,'Retries':3},
         'Volumes':{'/data':{}}},
       'rootfs':{'type':'layers','diff_ids':['%s','%s']},
       'history':[{'created_by':'ADD rootfs'},{'created_by':'ENV A=1','empty_layer':true},{'created_by':'RUN make'}]}
      """.formatted(A, B);

  @Test
  void parsesEveryRuntimeField() {
    ParsedConfig c = parse(FULL);
    ImageConfig cfg = c.config();
    assertThat(cfg.user()).isEqualTo("app:app");
    assertThat(cfg.runsAsRoot()).isFalse();
    assertThat(cfg.entrypoint()).containsExactly("/entry.sh");
    assertThat(cfg.cmd()).containsExactly("serve");
    assertThat(cfg.env()).containsExactly("A=1", "PATH=/bin");
    assertThat(cfg.exposedPorts()).containsExactly("53/udp", "8080/tcp");
    assertThat(cfg.workingDir()).isEqualTo("/srv");
    assertThat(cfg.labels()).isEqualTo(Map.of("org.opencontainers.image.version", "1.2"));
    assertThat(cfg.healthcheck()).isEqualTo(new ImageConfig.Healthcheck(List.of("CMD-SHELL", "curl -f localhost"), 30_000_000_000L, 5_000_000_000L, 3));
    assertThat(cfg.created()).isEqualTo("2024-01-02T03:04:05Z");
    assertThat(cfg.volumes()).containsExactly("/data");
    assertThat(c.platform()).isEqualTo(Platform.parse("linux/arm64/v8"));
    assertThat(c.diffIds()).extracting(Digest::toString).containsExactly(A, B);
    assertThat(c.layerCreatedBy()).containsExactly("ADD rootfs", "RUN make");
  }

  @Test
  void minimalConfigGivesEmptyValues() {
    ParsedConfig c = parse("{'rootfs':{'type':'layers','diff_ids':[]}}");
    assertThat(c.config()).isEqualTo(ImageConfig.empty());
    assertThat(c.diffIds()).isEmpty();
    assertThat(c.platform()).isNull();
  }

  @Test
  void inconsistentHistoryIsDroppedNotGuessed() {
    ParsedConfig c = parse("{'rootfs':{'type':'layers','diff_ids':['" + A + "','" + B + "']},'history':[{'created_by':'only one'}]}");
    assertThat(c.layerCreatedBy()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "no rootfs           | {'config':{}}                                                        | rootfs is missing",
      "wrong rootfs type   | {'rootfs':{'type':'zfs','diff_ids':[]}}                              | rootfs.type is 'zfs'",
      "bad diff id         | {'rootfs':{'type':'layers','diff_ids':['nope']}}                     | rootfs.diff_ids[0] is not a valid digest",
      "env not strings     | {'config':{'Env':[1]},'rootfs':{'type':'layers','diff_ids':[]}}      | config.Env is not an array of strings",
      "labels nested       | {'config':{'Labels':{'a':{}}},'rootfs':{'type':'layers','diff_ids':[]}} | config.Labels.a is not a string",
      "user number         | {'config':{'User':0},'rootfs':{'type':'layers','diff_ids':[]}}       | config.User is not a string",
      "malformed           | {'rootfs':                                                           | malformed JSON",
  })
  void refusesBadConfigs(String name, String json, String reason) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
          assertThat(e.getMessage()).startsWith("Tried to parse config c of test but failed because: ").contains(reason);
        });
  }

  private static Descriptor layer(String digest, String mediaType) {
    return new Descriptor(mediaType, Digest.parse(digest), 7, null, Map.of());
  }

  @Test
  void pairsLayersWithDiffIdsAndHistory() {
    List<LayerInfo> layers = ImageConfigs.layers(List.of(layer(B, MediaTypes.OCI_LAYER_GZIP), layer(A, MediaTypes.DOCKER_LAYER_GZIP)), parse(FULL), "image i");
    assertThat(layers).containsExactly(
        new LayerInfo(Digest.parse(B), Digest.parse(A), 7, MediaTypes.OCI_LAYER_GZIP, "ADD rootfs"),
        new LayerInfo(Digest.parse(A), Digest.parse(B), 7, MediaTypes.DOCKER_LAYER_GZIP, "RUN make"));
  }

  @Test
  void layerCountMustEqualDiffIdCount() {
    assertThatThrownBy(() -> ImageConfigs.layers(List.of(layer(A, MediaTypes.OCI_LAYER_GZIP)), parse(FULL), "image i"))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
          assertThat(e.getMessage()).isEqualTo("Tried to read image i but failed because: the manifest lists 1 layers but the config has 2 diff_ids");
        });
  }

  @Test
  void nonLayerMediaTypeIsRefused() {
    assertThatThrownBy(() -> ImageConfigs.layers(List.of(layer(A, "application/vnd.cncf.helm.chart.content.v1.tar+gzip"), layer(B, MediaTypes.OCI_LAYER_TAR)), parse(FULL), "image i"))
        .hasMessageContaining("not a filesystem layer");
  }

  @ParameterizedTest
  @CsvSource({"application/vnd.oci.image.config.v1+json, true", "application/vnd.docker.container.image.v1+json, true",
      "application/vnd.oci.empty.v1+json, false", "application/vnd.cncf.helm.config.v1+json, false"})
  void onlyImageConfigsAreImages(String mediaType, boolean ok) {
    Descriptor config = new Descriptor(mediaType, Digest.parse(A), 2, null, Map.of());
    if (ok) {
      ImageConfigs.requireImageConfig(config, "image i");
    } else {
      assertThatThrownBy(() -> ImageConfigs.requireImageConfig(config, "image i")).hasMessageContaining("not a container image");
    }
  }
}
