package io.drydock.cli;

import io.drydock.cli.support.Console;
import io.drydock.cli.support.ImageOptionsMixin;
import io.drydock.cli.support.Table;
import io.drydock.model.LayerInfo;
import io.drydock.model.Package;
import io.drydock.model.Sbom;
import io.drydock.scan.sbom.CycloneDxWriter;
import io.drydock.scan.sbom.JsonSbomWriter;
import io.drydock.scan.sbom.SpdxWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock sbom IMAGE}: what is in an image and which layer brought it. */
@Command(
    name = "sbom",
    header = "List the packages in an image, with their layer and origin.",
    mixinStandardHelpOptions = true,
    description = {
      "List the packages in an image (OS and language packages, with source package, file and origin layer).",
      "",
      "IMAGE is one of:",
      "  alpine:3.20, 127.0.0.1:5000/app@sha256:...   a registry image (registry:REF also works)",
      "  oci-archive:FILE[:REF]   an OCI layout in a tar (skopeo, buildah, podman save --format oci-archive)",
      "  oci:DIR[:REF]            an OCI layout directory",
      "  docker-archive:FILE[:REF] a docker save / podman save archive",
      "  engine:NAME|ID           an image in Docker or Podman, through the Engine API ($DOCKER_HOST)",
      "  dir:PATH                 a root filesystem directory",
      "  FILE                     an archive; its kind is detected"
    },
    footer = {"", "Examples:", "  drydock sbom testdata/images/alpine-3.20.3.oci.tar",
        "  drydock sbom --format cyclonedx --output sbom.cdx.json \\",
        "      127.0.0.1:5000/fixtures/alpine:3.20.3"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:SBOM written.", " 2:Usage error.", " 3:Invalid or hostile image input; digest mismatch.",
        " 4:Image not found.", " 5:Registry authentication failed.", " 6:Registry or engine unreachable."})
final class SbomCommand implements Callable<Integer> {
  enum Format { table, json, cyclonedx, spdx_json }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "IMAGE", description = "The image to list.")
  String image;

  @Mixin ImageOptionsMixin imageOptions;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table", converter = FormatConverter.class,
      description = "table, json (drydock.sbom/v1), cyclonedx (CycloneDX 1.6 JSON) or spdx-json (SPDX 2.3). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Mixin OutputOption output;

  @Override
  public Integer call() throws Exception {
    Sbom sbom = imageOptions.scanService(Console.of(spec)).inventory(image, imageOptions.toImageOptions()).sbom();
    Clock clock = Clock.systemUTC();
    String version = Main.version();
    output.write(spec, out -> {
      switch (format) {
        case json -> new JsonSbomWriter(clock, version).write(sbom, out);
        case cyclonedx -> new CycloneDxWriter(clock, version).write(sbom, out);
        case spdx_json -> new SpdxWriter(clock, version).write(sbom, out);
        case table -> table(sbom, out);
      }
    });
    return 0;
  }

  static void table(Sbom sbom, OutputStream out) throws java.io.IOException {
    StringBuilder sb = new StringBuilder();
    var image = sbom.image();
    sb.append("Image:    ").append(image.name()).append('\n');
    if (image.manifestDigest() != null) {
      sb.append("Manifest: ").append(image.manifestDigest()).append('\n');
    }
    if (image.platform() != null) {
      sb.append("Platform: ").append(image.platform()).append('\n');
    }
    sb.append("OS:       ").append(sbom.os() == null ? "unknown" : sbom.os()).append('\n');
    Map<String, Integer> layerIndex = new HashMap<>();
    List<LayerInfo> layers = image.layers();
    for (int i = 0; i < layers.size(); i++) {
      layerIndex.put(layers.get(i).diffId().toString(), i + 1);
    }
    sb.append("Layers:   ").append(layers.size()).append("   Packages: ").append(sbom.packages().size());
    if (!sbom.skipped().isEmpty()) {
      sb.append("   Skipped: ").append(sbom.skipped().size());
    }
    sb.append("\n\n");
    Table t = new Table("TYPE", "NAME", "VERSION", "SOURCE", "LAYER", "LOCATION");
    for (Package p : sbom.packages()) {
      String source = p.sourceName() == null && p.sourceVersion() == null ? null
          : p.sourceNameOrName() + (p.sourceVersion() == null ? "" : " " + p.sourceVersion());
      Integer layer = p.layer() == null ? null : layerIndex.get(p.layer().toString());
      t.row(p.type().purlType(), p.name(), p.version(), source, layer == null ? null : layer + " " + p.layer().shortHex(), p.location());
    }
    sb.append(t.render());
    if (!sbom.skipped().isEmpty()) {
      sb.append("\nSkipped:\n");
      sbom.skipped().stream().limit(50).forEach(s -> sb.append("  ").append(s.where()).append(": ").append(s.reason()).append('\n'));
      if (sbom.skipped().size() > 50) {
        sb.append("  … and ").append(sbom.skipped().size() - 50).append(" more (see --format json)\n");
      }
    }
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Accepts {@code spdx-json} for the enum constant {@code spdx_json}. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.valueOf(value.replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException("unknown format '" + value + "' (table, json, cyclonedx, spdx-json)");
      }
    }
  }
}
