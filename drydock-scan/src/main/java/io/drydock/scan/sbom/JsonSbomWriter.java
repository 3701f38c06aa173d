package io.drydock.scan.sbom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.model.ImageConfig;
import io.drydock.model.ImageMetadata;
import io.drydock.model.LayerInfo;
import io.drydock.model.Package;
import io.drydock.model.Sbom;
import io.drydock.model.Skip;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * drydock's own SBOM JSON ({@code "schema": "drydock.sbom/v1"}), documented in docs/formats.md. Fields are only
 * ever added within a schema version; a removal or change of meaning bumps it.
 */
public final class JsonSbomWriter {
  public static final String SCHEMA = "drydock.sbom/v1";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Clock clock;
  private final String toolVersion;

  public JsonSbomWriter(Clock clock, String toolVersion) {
    this.clock = clock;
    this.toolVersion = toolVersion;
  }

  public void write(Sbom sbom, OutputStream out) throws IOException {
    out.write(JSON.writeValueAsBytes(toJson(sbom)));
    out.write('\n');
  }

  public ObjectNode toJson(Sbom sbom) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("schema", SCHEMA);
    doc.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    doc.put("tool", "drydock " + toolVersion);
    doc.set("image", image(sbom.image()));
    if (sbom.os() != null) {
      ObjectNode os = doc.putObject("os");
      os.put("family", sbom.os().family());
      os.put("version", sbom.os().version());
      put(os, "prettyName", sbom.os().prettyName());
    } else {
      doc.putNull("os");
    }
    ArrayNode packages = doc.putArray("packages");
    for (Package p : sbom.packages()) {
      ObjectNode n = packages.addObject();
      n.put("type", p.type().purlType());
      n.put("name", p.name());
      n.put("version", p.version());
      put(n, "sourceName", p.sourceName());
      put(n, "sourceVersion", p.sourceVersion());
      put(n, "arch", p.arch());
      n.put("purl", p.purl());
      n.put("location", p.location());
      put(n, "layer", p.layer());
      ArrayNode licenses = n.putArray("licenses");
      p.licenses().forEach(licenses::add);
    }
    ArrayNode skipped = doc.putArray("skipped");
    for (Skip s : sbom.skipped()) {
      ObjectNode n = skipped.addObject();
      n.put("where", s.where());
      n.put("reason", s.reason());
    }
    return doc;
  }

  static ObjectNode image(ImageMetadata image) {
    ObjectNode n = JSON.createObjectNode();
    n.put("name", image.name());
    put(n, "ref", image.ref());
    put(n, "indexDigest", image.indexDigest());
    put(n, "manifestDigest", image.manifestDigest());
    put(n, "configDigest", image.configDigest());
    put(n, "platform", image.platform());
    ArrayNode tags = n.putArray("repoTags");
    image.repoTags().forEach(tags::add);
    n.put("size", image.totalSize());
    ArrayNode layers = n.putArray("layers");
    for (LayerInfo l : image.layers()) {
      ObjectNode ln = layers.addObject();
      ln.put("digest", l.digest().toString());
      ln.put("diffId", l.diffId().toString());
      ln.put("size", l.size());
      ln.put("mediaType", l.mediaType());
      put(ln, "createdBy", l.createdBy());
    }
    ImageConfig c = image.config();
    ObjectNode config = n.putObject("config");
    put(config, "user", c.user());
    strings(config, "entrypoint", c.entrypoint());
    strings(config, "cmd", c.cmd());
    strings(config, "env", c.env());
    strings(config, "exposedPorts", c.exposedPorts());
    put(config, "workingDir", c.workingDir());
    ObjectNode labels = config.putObject("labels");
    c.labels().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> labels.put(e.getKey(), e.getValue()));
    if (c.healthcheck() != null) {
      ObjectNode h = config.putObject("healthcheck");
      strings(h, "test", c.healthcheck().test());
      put(h, "intervalNanos", c.healthcheck().intervalNanos());
      put(h, "timeoutNanos", c.healthcheck().timeoutNanos());
      put(h, "retries", c.healthcheck().retries());
    }
    put(config, "created", c.created());
    strings(config, "volumes", c.volumes());
    return n;
  }

  private static void strings(ObjectNode n, String field, java.util.List<String> values) {
    ArrayNode a = n.putArray(field);
    values.forEach(a::add);
  }

  private static void put(ObjectNode n, String field, @Nullable Object value) {
    if (value == null) {
      n.putNull(field);
    } else if (value instanceof Number num) {
      n.put(field, num.longValue());
    } else {
      n.put(field, value.toString());
    }
  }
}
