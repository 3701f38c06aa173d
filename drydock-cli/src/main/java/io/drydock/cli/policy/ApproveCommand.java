package io.drydock.cli.policy;

import io.drydock.cli.support.Console;
import io.drydock.cli.support.ImageOptionsMixin;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ImageMetadata;
import io.drydock.model.ImageRef;
import io.drydock.policy.approval.Approval;
import io.drydock.scan.Inventory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock approve SERVICE|ROLLOUT --by NAME --reason TEXT}. */
@Command(name = "approve", header = "Record an approval of one image digest for a service.",
    footer = {"", "Examples:", "  drydock approve --by alice --reason 'CAB-142 reviewed' \\",
        "      examples/rollout/web.yaml",
        "  drydock approve web --by bob --reason hotfix --digest \\",
        "    sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
    mixinStandardHelpOptions = true,
    description = {"Records an approval of one image digest for a service (or rollout): who, when, why. An approval",
      "is bound to the digest it approved; a new image needs new approvals. SUBJECT is a service file (its name and",
      "image are used) or a service name with --digest or --image. Approvals are kept in STATE-DIR/approvals.json",
      "(the ledger store will replace it)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Recorded.", " 2:Usage error.", " 3:Invalid service file or approvals file.", " 4:Image not found.",
      " 6:Registry unreachable."})
public final class ApproveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SUBJECT", description = "A service file, or a service or rollout name.")
  String subject;

  @Option(names = "--by", required = true, paramLabel = "NAME", description = "Who approves.")
  String by;

  @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.")
  String reason;

  @Option(names = "--digest", paramLabel = "DIGEST", description = "The approved digest (sha256:…).")
  @Nullable String digest;

  @Option(names = "--image", paramLabel = "REF", description = "The approved image; a tag is resolved to its digest now.")
  @Nullable String image;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "As 'rollout': $XDG_STATE_HOME/drydock or ~/.local/state/drydock.")
  @Nullable Path stateDir;

  @Mixin ImageOptionsMixin imageOptions;

  @Override
  public Integer call() throws Exception {
    String name = subject;
    String ref = image;
    Path file = Path.of(subject);
    if (PolicyInputs.isServiceFile(file)) {
      PolicyInputs.Service s = PolicyInputs.service(file);
      name = s.facts().name();
      if (ref == null && digest == null) {
        ref = s.image();
      }
    }
    if (by.isBlank() || reason.isBlank()) {
      throw DrydockException.usage("--by and --reason must not be empty");
    }
    Digest d;
    if (digest != null) {
      try {
        d = Digest.parse(digest);
      } catch (IllegalArgumentException e) {
        throw DrydockException.usage("--digest: " + e.getMessage());
      }
    } else if (ref != null) {
      d = resolve(ref);
    } else {
      throw DrydockException.usage("give a service file, or --digest or --image with a service name");
    }
    Approval a = new Approval(name, d, by, reason, Instant.now());
    ApprovalStore store = ApprovalStore.of(stateDir, System.getenv());
    store.append(a);
    spec.commandLine().getOut().println("approved " + name + " " + d + " by " + by + " (" + store.file() + ")");
    spec.commandLine().getOut().flush();
    return 0;
  }

  private Digest resolve(String ref) throws java.io.IOException {
    try {
      ImageRef parsed = ImageRef.parse(ref);
      if (parsed.digest() != null) {
        return parsed.digest();
      }
    } catch (IllegalArgumentException e) {
      // not a registry reference (oci-archive:, engine: …): open it to read its digest
    }
    ImageMetadata m = Inventory.create(imageOptions.layerCacheDir(), imageOptions.workDir(), Console.of(spec))
        .take(ref, imageOptions.toImageOptions()).sbom().image();
    Digest d = m.indexDigest() != null ? m.indexDigest() : m.manifestDigest();
    if (d == null) {
      throw DrydockException.invalidInput("The image " + ref + " has no digest to approve");
    }
    return d;
  }
}
