package io.drydock.cli.sign;

import io.drydock.cli.support.Console;
import io.drydock.cli.support.ImageOptionsMixin;
import io.drydock.image.registry.RegistryClient;
import io.drydock.model.DrydockException;
import io.drydock.model.ImageRef;
import io.drydock.policy.sign.Attester;
import io.drydock.policy.sign.CosignKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock attest IMAGE --predicate FILE --type cyclonedx --key cosign.key}: cosign's {@code attest}. */
@Command(name = "attest", header = "Attach a signed in-toto attestation to an image as cosign does.",
    footer = {"", "Examples:", "  drydock attest --key cosign.key --type cyclonedx --predicate sbom.json \\",
        "      127.0.0.1:5000/app:1"},
    mixinStandardHelpOptions = true,
    description = "Attach a predicate (an SBOM, a scan report, provenance) to an image as cosign does: an in-toto "
        + "statement in a DSSE envelope signed with the cosign key, appended as a layer to the manifest at tag "
        + "sha256-<hex>.att. The key's passphrase comes from COSIGN_PASSWORD.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Attached.", " 2:Usage error (unknown --type, no passphrase).",
        " 3:The key or predicate is malformed.", " 4:The key, predicate or image does not exist.",
        " 5:Registry authentication failed.", " 6:Registry unreachable.", "13:Wrong passphrase."})
public final class AttestCommand implements Callable<Integer> {
  static final long MAX_PREDICATE = 64L * 1024 * 1024;

  @Spec
  CommandSpec spec;

  @Mixin
  ImageOptionsMixin registry;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "The cosign private key.")
  Path key;

  @Option(names = "--predicate", required = true, paramLabel = "FILE", description = "The predicate (JSON).")
  Path predicate;

  @Option(names = "--type", defaultValue = "custom", paramLabel = "TYPE",
      description = "cyclonedx, spdx, spdxjson, slsaprovenance, slsaprovenance1, link, vuln, openvex, custom, or a predicate URI (default: ${DEFAULT-VALUE}).")
  String type = "custom";

  @Parameters(paramLabel = "IMAGE", description = "registry/repository:tag or …@sha256:…")
  String image;

  @Override
  public Integer call() throws Exception {
    return KeyFiles.run(spec, () -> {
      ImageRef ref = ImageRef.parse(image);
      String predicateType = Attester.predicateType(type);
      byte[] body = read(predicate);
      PrivateKey privateKey = CosignKeys.loadPrivate(KeyFiles.read(key), KeyFiles.passphrase(false), key.toString());
      Attester.Attested done;
      try (RegistryClient client = registry.registryClient(Console.of(spec))) {
        done = new Attester(client).attest(ref, privateKey, predicateType, body);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("Attested " + ref.registry() + "/" + ref.repository() + "@" + done.image() + " (" + done.predicateType()
          + "); pushed :" + done.tag() + " (" + done.attestations() + " attestation" + (done.attestations() == 1 ? "" : "s") + ")");
      out.flush();
      return 0;
    });
  }

  private static byte[] read(Path file) {
    try {
      if (Files.size(file) > MAX_PREDICATE) {
        throw DrydockException.invalidInput("Tried to read predicate " + file + " but failed because: it is over 64 MiB");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw DrydockException.notFound("Tried to read predicate " + file + " but failed because: there is no such file");
    }
  }
}
