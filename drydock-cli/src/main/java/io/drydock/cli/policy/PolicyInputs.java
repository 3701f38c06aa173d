package io.drydock.cli.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.drydock.model.Advisory;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.Finding;
import io.drydock.model.ImageMetadata;
import io.drydock.model.Sbom;
import io.drydock.policy.rules.ImageFacts;
import io.drydock.policy.rules.Rule;
import io.drydock.policy.rules.RuleSet;
import io.drydock.policy.rules.ServiceFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Builds the policy's input from what drydock already has: an SBOM, its findings, the DB, a service file. */
public final class PolicyInputs {
  private PolicyInputs() {}

  /** Whether any rule (or exception) looks at findings, so the vulnerability DB is needed. */
  public static boolean needsFindings(RuleSet policy) {
    return !policy.exceptions().rules().isEmpty() || policy.rules().stream().map(Rule::check)
        .anyMatch(c -> c instanceof Rule.Sla || c instanceof Rule.MaxFindings || c instanceof Rule.Custom);
  }

  /**
   * The image facts of a scanned SBOM. <em>Fix available</em> is the earliest {@code published} (else
   * {@code modified}) date of the finding's advisory records: the DB does not record yet when a fixed version
   * was first seen.
   *
   * @param advisory looks an advisory up by id (the DB's {@code byId}); null when there is no DB
   */
  public static ImageFacts facts(Sbom sbom, List<Finding> findings, @Nullable Function<String, @Nullable Advisory> advisory) {
    ImageMetadata m = sbom.image();
    Digest digest = m.indexDigest() != null ? m.indexDigest() : m.manifestDigest();
    Instant created = null;
    if (m.config().created() != null) {
      try {
        created = Instant.parse(m.config().created());
      } catch (DateTimeParseException e) {
        created = null;
      }
    }
    Map<String, Instant> cache = new HashMap<>();
    List<ImageFacts.FindingFacts> ff = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      Instant fix = null;
      if (f.isFixable() && advisory != null) {
        for (String id : f.advisoryIds()) {
          Instant t = cache.computeIfAbsent(id, k -> {
            Advisory a = advisory.apply(k);
            return a == null ? Instant.MAX : Objects.requireNonNullElse(a.published() != null ? a.published() : a.modified(), Instant.MAX);
          });
          if (!t.equals(Instant.MAX) && (fix == null || t.isBefore(fix))) {
            fix = t;
          }
        }
      }
      ff.add(new ImageFacts.FindingFacts(f, fix));
    }
    return new ImageFacts(m.name(), m.ref(), digest, m.config(), created,
        m.config().labels().get(Rule.BaseImages.LABEL), sbom.packages(), ff);
  }

  /** A service file's name, tier, labels and image, read loosely (the rollout parser validates the rest). */
  public record Service(ServiceFacts facts, @Nullable String image) {}

  public static boolean isServiceFile(Path file) {
    String n = file.getFileName() == null ? "" : file.getFileName().toString();
    if (!(n.endsWith(".yaml") || n.endsWith(".yml")) || !Files.isRegularFile(file)) {
      return false;
    }
    try {
      JsonNode t = new YAMLMapper().readTree(file.toFile());
      return t != null && t.isObject() && t.has("service");
    } catch (IOException e) {
      return false;
    }
  }

  public static Service service(Path file) {
    JsonNode t;
    try {
      t = new YAMLMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw DrydockException.invalidInput("Tried to read the service file " + file + " but failed because: " + PolicyInputs.firstLine(e));
    }
    if (t == null || !t.isObject() || !t.path("service").isTextual()) {
      throw DrydockException.invalidInput("Tried to read the service file " + file + " but failed because: it has no 'service:' name");
    }
    Map<String, String> labels = new HashMap<>();
    t.path("container").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    String tier = t.path("tier").isTextual() ? t.path("tier").asText() : null;
    String image = t.path("image").isTextual() ? t.path("image").asText() : null;
    return new Service(new ServiceFacts(t.path("service").asText(), file.toString(), labels, tier), image);
  }

  static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    return m.lines().findFirst().orElse(m);
  }
}
