package io.drydock.cli;

import io.drydock.cli.support.Console;
import io.drydock.cli.support.ImageOptionsMixin;
import io.drydock.cli.support.Table;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.model.ImageConfig;
import io.drydock.model.ImageMetadata;
import io.drydock.model.LayerInfo;
import io.drydock.model.Sbom;
import io.drydock.scan.ImageFacts;
import io.drydock.scan.SbomBuilder;
import io.drydock.scan.sbom.JsonSbomWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock inspect IMAGE}: the facts hardening advice needs. */
@Command(
    name = "inspect",
    header = "Show an image's layers, sizes, runtime config and OS.",
    footer = {"", "Examples:",
        "  drydock inspect 127.0.0.1:5000/fixtures/alpine:3.20.3",
        "  drydock inspect --format json \\",
        "      oci-archive:testdata/images/alpine-3.20.3.oci.tar"},
    mixinStandardHelpOptions = true,
    description = {
      "Show an image's size per layer, runtime config (user, entrypoint, ports, healthcheck, labels), OS, and the",
      "hardening facts: shell present, package manager present, setuid/setgid files, runs as root.",
      "IMAGE takes the same forms as in 'drydock sbom'."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Done.", " 2:Usage error.", " 3:Invalid or hostile image input.", " 4:Image not found.",
        " 5:Registry authentication failed.", " 6:Registry or engine unreachable."})
final class InspectCommand implements Callable<Integer> {
  enum Format { table, json }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "IMAGE", description = "The image to inspect.")
  String image;

  @Mixin ImageOptionsMixin imageOptions;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Mixin OutputOption output;

  @Override
  public Integer call() throws Exception {
    SbomBuilder.Result result = imageOptions.scanService(Console.of(spec)).inventory(image, imageOptions.toImageOptions());
    output.write(spec, out -> {
      if (format == Format.json) {
        json(result.sbom(), result.facts(), out);
      } else {
        table(result.sbom(), result.facts(), out);
      }
    });
    return 0;
  }

  static void json(Sbom sbom, ImageFacts facts, OutputStream out) throws java.io.IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode doc = mapper.createObjectNode();
    doc.put("schema", "drydock.inspect/v1");
    ObjectNode sbomJson = new JsonSbomWriter(Clock.systemUTC(), Main.version()).toJson(sbom);
    doc.set("image", sbomJson.get("image"));
    doc.set("os", sbomJson.get("os"));
    doc.put("packageCount", sbom.packages().size());
    doc.put("uncompressedSize", facts.uncompressedBytes());
    doc.put("runsAsRoot", sbom.image().config().runsAsRoot());
    strings(doc.putArray("shells"), facts.shells());
    strings(doc.putArray("packageManagers"), facts.packageManagers());
    strings(doc.putArray("setuid"), facts.setuidPaths());
    strings(doc.putArray("setgid"), facts.setgidPaths());
    out.write(mapper.writeValueAsBytes(doc));
    out.write('\n');
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(v -> array.add("/" + v));
  }

  static void table(Sbom sbom, ImageFacts facts, OutputStream out) throws java.io.IOException {
    ImageMetadata image = sbom.image();
    ImageConfig c = image.config();
    StringBuilder sb = new StringBuilder();
    line(sb, "Image", image.name());
    line(sb, "Manifest", image.manifestDigest());
    line(sb, "Config", image.configDigest());
    line(sb, "Platform", image.platform());
    line(sb, "Created", c.created());
    line(sb, "OS", sbom.os() == null ? "unknown" : sbom.os() + (sbom.os().prettyName() == null ? "" : " (" + sbom.os().prettyName() + ")"));
    line(sb, "Size", Console.bytes(image.totalSize()) + " compressed, " + Console.bytes(facts.uncompressedBytes()) + " uncompressed");
    line(sb, "Packages", sbom.packages().size());
    sb.append('\n');
    Table layers = new Table("#", "SIZE", "DIFF ID", "CREATED BY");
    List<LayerInfo> list = image.layers();
    for (int i = 0; i < list.size(); i++) {
      LayerInfo l = list.get(i);
      String by = l.createdBy() == null ? null : abbreviate(l.createdBy().replaceAll("\\s+", " "), 70);
      layers.row(i + 1, Console.bytes(l.size()), l.diffId().shortHex(), by);
    }
    sb.append(layers.render()).append('\n');
    line(sb, "User", c.user() == null || c.user().isBlank() ? "(none: runs as root)" : c.user());
    line(sb, "Entrypoint", c.entrypoint().isEmpty() ? null : String.join(" ", c.entrypoint()));
    line(sb, "Cmd", c.cmd().isEmpty() ? null : String.join(" ", c.cmd()));
    line(sb, "WorkingDir", c.workingDir());
    line(sb, "Ports", c.exposedPorts().isEmpty() ? null : String.join(", ", c.exposedPorts()));
    line(sb, "Healthcheck", c.healthcheck() == null ? "(none)" : String.join(" ", c.healthcheck().test()));
    line(sb, "Volumes", c.volumes().isEmpty() ? null : String.join(", ", c.volumes()));
    if (!c.labels().isEmpty()) {
      sb.append("Labels:\n");
      c.labels().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> sb.append("  ").append(e.getKey()).append('=').append(e.getValue()).append('\n'));
    }
    sb.append('\n');
    line(sb, "Runs as root", c.runsAsRoot() ? "yes" : "no");
    line(sb, "Shell", facts.shells().isEmpty() ? "none" : "/" + String.join(", /", facts.shells()));
    line(sb, "Package manager", facts.packageManagers().isEmpty() ? "none" : String.join(", ", facts.packageManagers()));
    line(sb, "Setuid files", facts.setuidPaths().isEmpty() ? "none" : facts.setuidPaths().size() + ": /" + String.join(", /", facts.setuidPaths()));
    line(sb, "Setgid files", facts.setgidPaths().isEmpty() ? "none" : facts.setgidPaths().size() + ": /" + String.join(", /", facts.setgidPaths()));
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void line(StringBuilder sb, String key, @Nullable Object value) {
    sb.append(String.format("%-16s %s%n", key + ":", value == null ? "-" : value));
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
