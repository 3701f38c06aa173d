package io.drydock.scan.sbom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ImageConfig;
import io.drydock.model.ImageMetadata;
import io.drydock.model.Sbom;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads an SBOM file back into the model: CycloneDX JSON and SPDX 2.x JSON as drydock, Trivy and Syft write them,
 * and drydock's own {@code drydock.sbom/v1} JSON. The format is detected from the content ({@code bomFormat},
 * {@code spdxVersion}, {@code schema}), not from the file name.
 *
 * <p>The file is parsed as a stream: only the component/package arrays, the metadata and the OS are kept, and
 * each component is reduced to the few fields matching needs as soon as it is read. An SBOM with more than
 * {@link #MAX_COMPONENTS} components (nested ones included) is refused with a one-line error instead of being
 * held in memory; so are malformed JSON, nesting deeper than 64 and strings over 1 MiB.
 */
public final class SbomReader {
  /** The most components (and SPDX packages) one SBOM may have; the largest real images have ~20 000. */
  public static final int MAX_COMPONENTS = 100_000;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1 << 20).maxNameLength(4096).build())
          .build();
  private static final ObjectMapper JSON = new ObjectMapper(FACTORY);

  private final int maxComponents;

  public SbomReader() {
    this(MAX_COMPONENTS);
  }

  SbomReader(int maxComponents) {
    this.maxComponents = maxComponents;
  }

  /** True when the file's first non-blank byte is {@code {}: a JSON document rather than an image archive. */
  public static boolean looksLikeJson(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(512);
      for (byte b : head) {
        if (b == '{') {
          return true;
        }
        if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
          return false;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads {@code file}.
   *
   * @throws DrydockException NOT_FOUND when the file does not exist, INVALID_INPUT when it is not a supported SBOM,
   *     is malformed, or exceeds the bounds
   */
  public Sbom read(Path file) {
    if (!Files.exists(file)) {
      throw DrydockException.notFound("Tried to read the SBOM " + file + " but failed because: it does not exist");
    }
    Doc doc = new Doc();
    try (JsonParser p = JSON.createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw invalid(file, "it is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "bomFormat" -> doc.bomFormat = p.getValueAsString();
          case "spdxVersion" -> doc.spdxVersion = p.getValueAsString();
          case "schema" -> doc.schema = p.getValueAsString();
          case "metadata" -> doc.metadata = value == JsonToken.START_OBJECT ? p.readValueAsTree() : skip(p);
          case "os" -> doc.drydockOs = value == JsonToken.START_OBJECT ? p.readValueAsTree() : skip(p);
          case "image" -> doc.drydockImage = value == JsonToken.START_OBJECT ? p.readValueAsTree() : skip(p);
          case "name" -> {
            if (value.isScalarValue()) {
              doc.name = p.getValueAsString();
            } else {
              p.skipChildren();
            }
          }
          case "components", "packages" -> readArray(p, file, doc);
          default -> p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw invalid(file, "it is not valid JSON (" + oneLine(e.getOriginalMessage()) + " at line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
    } catch (IOException e) {
      throw invalid(file, oneLine(String.valueOf(e.getMessage())));
    }
    Format format = doc.format();
    if (format == null) {
      throw invalid(file, "it is neither CycloneDX (bomFormat), SPDX (spdxVersion) nor drydock JSON (schema " + JsonSbomWriter.SCHEMA + ")");
    }
    return Components.toSbom(format, doc.components, doc.metadata, doc.drydockOs, doc.drydockImage, doc.name, file);
  }

  private void readArray(JsonParser p, Path file, Doc doc) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      JsonNode node = p.readValueAsTree();
      add(node, file, doc);
    }
  }

  private void add(JsonNode node, Path file, Doc doc) {
    if (doc.components.size() >= maxComponents) {
      throw invalid(file, "it has more than " + maxComponents + " components (drydock reads at most " + maxComponents + ")");
    }
    doc.components.add(Components.raw(node));
    JsonNode nested = node.path("components");
    if (nested.isArray()) {
      for (JsonNode child : nested) {
        if (child.isObject()) {
          add(child, file, doc);
        }
      }
    }
  }

  private static @Nullable JsonNode skip(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }

  private static DrydockException invalid(Path file, String why) {
    return DrydockException.invalidInput("Tried to read the SBOM " + file + " but failed because: " + why);
  }

  private static String oneLine(String s) {
    String line = s.replaceAll("\\s+", " ").strip();
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  /** The document's formats. */
  enum Format { CYCLONEDX, SPDX, DRYDOCK }

  /** What the stream pass keeps. */
  private static final class Doc {
    @Nullable String bomFormat;
    @Nullable String spdxVersion;
    @Nullable String schema;
    @Nullable String name;
    @Nullable JsonNode metadata;
    @Nullable JsonNode drydockOs;
    @Nullable JsonNode drydockImage;
    final List<Components.Raw> components = new ArrayList<>();

    @Nullable Format format() {
      if ("CycloneDX".equals(bomFormat)) {
        return Format.CYCLONEDX;
      }
      if (spdxVersion != null && spdxVersion.startsWith("SPDX-")) {
        return Format.SPDX;
      }
      if (JsonSbomWriter.SCHEMA.equals(schema)) {
        return Format.DRYDOCK;
      }
      return null;
    }
  }

  /** Metadata of an image known only from an SBOM: no layers, no config. */
  static ImageMetadata image(String name, @Nullable Digest manifest, @Nullable Digest config, List<String> repoTags) {
    return new ImageMetadata(name, null, null, manifest, config, null, List.of(), ImageConfig.empty(), repoTags);
  }
}
