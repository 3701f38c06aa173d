package io.drydock.cli.policy;

import io.drydock.image.ImageOptions;
import io.drydock.model.Finding;
import io.drydock.model.Sbom;
import io.drydock.model.event.EventSink;
import io.drydock.policy.rules.ImageFacts;
import io.drydock.policy.rules.RuleSet;
import io.drydock.policy.rules.ServiceFacts;
import io.drydock.scan.Inventory;
import io.drydock.scan.Scanner;
import io.drydock.scan.db.VulnDb;
import io.drydock.scan.sbom.SbomReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@code policy check} target into the policy's input: a service file (its image, name, tier and
 * labels), an SBOM file, or an image in any form {@code drydock sbom} takes. Findings come from the
 * vulnerability DB, opened only when the policy looks at findings.
 */
public final class PolicyTargets implements AutoCloseable {
  private final RuleSet policy;
  private final Path dbFile;
  private final @Nullable Path layerCache;
  private final ImageOptions imageOptions;
  private final EventSink events;
  private @Nullable VulnDb db;

  public PolicyTargets(RuleSet policy, Path dbFile, @Nullable Path layerCache, ImageOptions imageOptions, EventSink events) {
    this.policy = policy;
    this.dbFile = dbFile;
    this.layerCache = layerCache;
    this.imageOptions = imageOptions;
    this.events = events;
  }

  /** One target's facts. */
  public record Target(ImageFacts image, ServiceFacts service) {}

  public Target resolve(String target) throws IOException {
    Path file = Path.of(target.isBlank() ? "." : target);
    if (!target.contains("://") && PolicyInputs.isServiceFile(file)) {
      PolicyInputs.Service s = PolicyInputs.service(file);
      if (s.image() == null) {
        throw io.drydock.model.DrydockException.invalidInput("The service file " + file + " names no image");
      }
      return new Target(image(s.image()), s.facts());
    }
    return new Target(image(target), ServiceFacts.none());
  }

  /** The facts of an image reference or SBOM file. */
  public ImageFacts image(String target) throws IOException {
    Sbom sbom;
    Path file = Path.of(target.isBlank() ? "." : target);
    if (target.startsWith("sbom:")) {
      sbom = new SbomReader().read(Path.of(target.substring("sbom:".length())));
    } else if (!target.contains("://") && SbomReader.looksLikeJson(file)) {
      sbom = new SbomReader().read(file);
    } else {
      sbom = Inventory.create(layerCache, imageOptions.workDir(), events).take(target, imageOptions).sbom();
    }
    return facts(sbom);
  }

  public ImageFacts facts(Sbom sbom) {
    if (!PolicyInputs.needsFindings(policy)) {
      return PolicyInputs.facts(sbom, List.of(), null);
    }
    if (db == null) {
      db = VulnDb.open(dbFile);
    }
    VulnDb d = db;
    List<Finding> findings = Scanner.of(d).scan(sbom).findings();
    return PolicyInputs.facts(sbom, findings, id -> d.byId(id).orElse(null));
  }

  @Override
  public void close() {
    if (db != null) {
      db.close();
    }
  }
}
