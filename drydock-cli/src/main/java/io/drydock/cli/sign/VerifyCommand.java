package io.drydock.cli.sign;

import io.drydock.cli.support.Console;
import io.drydock.cli.support.ImageOptionsMixin;
import io.drydock.image.registry.RegistryClient;
import io.drydock.model.ImageRef;
import io.drydock.policy.sign.CosignKeys;
import io.drydock.policy.sign.Verifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock verify IMAGE --key cosign.pub}: cosign's {@code verify --key … --insecure-ignore-tlog}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Verify an image's cosign signatures with a public key: the layers of its sha256-<hex>.sig manifest "
        + "and sigstore bundles attached as OCI 1.1 referrers (referrers API, or the sha256-<hex> tag index). Passes "
        + "when one signature verifies and names the image's digest. Transparency-log entries are not checked.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:A signature verifies.", " 2:Usage error.", " 3:The key file is not a PKIX ECDSA P-256 public key.",
        " 4:The key file, image or tag does not exist.", " 5:Registry authentication failed.", " 6:Registry unreachable.",
        "10:The image has no signature.",
        "11:A signature is there but does not verify with the key (payload changed, or another key signed).",
        "12:A signature verifies, but was made for another image digest."})
public final class VerifyCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ImageOptionsMixin registry;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "The cosign public key (cosign.pub).")
  Path key;

  @Parameters(paramLabel = "IMAGE", description = "registry/repository:tag or …@sha256:…")
  String image;

  @Override
  public Integer call() throws Exception {
    return KeyFiles.run(spec, () -> {
      ImageRef ref = ImageRef.parse(image);
      PublicKey publicKey = CosignKeys.loadPublic(KeyFiles.read(key), key.toString());
      Verifier.Result result;
      try (RegistryClient client = registry.registryClient(Console.of(spec))) {
        result = new Verifier(client).verify(ref, publicKey, key.toString());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("Verified " + ref.registry() + "/" + ref.repository() + "@" + result.image() + " with " + key + ": "
          + result.verified().size() + " of " + result.examined() + " signature" + (result.examined() == 1 ? "" : "s")
          + " verified");
      for (Verifier.Verified v : result.verified()) {
        out.println("  " + v.source() + "  " + v.layerOrManifest() + (v.dockerReference().isEmpty() ? "" : "  " + v.dockerReference()));
      }
      out.flush();
      return 0;
    });
  }
}
