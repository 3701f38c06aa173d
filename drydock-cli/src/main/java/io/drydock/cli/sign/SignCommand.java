package io.drydock.cli.sign;

import io.drydock.cli.support.Console;
import io.drydock.cli.support.ImageOptionsMixin;
import io.drydock.image.registry.RegistryClient;
import io.drydock.model.ImageRef;
import io.drydock.policy.sign.CosignKeys;
import io.drydock.policy.sign.Signer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock sign IMAGE --key cosign.key}: cosign's {@code sign --key … --tlog-upload=false}. */
@Command(name = "sign", header = "Sign an image in its registry as cosign does.",
    footer = {"", "Examples:", "  drydock sign --key cosign.key registry.example.com/shop/api:1.4.2",
        "  COSIGN_PASSWORD= drydock sign --key cosign.key 127.0.0.1:5000/app:1"},
    mixinStandardHelpOptions = true,
    description = "Sign an image in a registry as cosign does: a simple-signing payload for the image's manifest digest, "
        + "signed with ECDSA P-256/SHA-256, appended as a layer (signature in its dev.cosignproject.cosign/signature "
        + "annotation) to the manifest at tag sha256-<hex>.sig of the image's repository. Nothing goes to a "
        + "transparency log. The key's passphrase comes from COSIGN_PASSWORD (empty allowed).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Signed.", " 2:Usage error (no passphrase).", " 3:The key file is not a cosign private key.",
        " 4:The key file, image or tag does not exist.", " 5:Registry authentication failed.", " 6:Registry unreachable.",
        "13:Wrong passphrase."})
public final class SignCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ImageOptionsMixin registry;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "The cosign private key (cosign.key).")
  Path key;

  @Parameters(paramLabel = "IMAGE", description = "registry/repository:tag or …@sha256:… (a tag is resolved to its digest first).")
  String image;

  @Override
  public Integer call() throws Exception {
    return KeyFiles.run(spec, () -> {
      ImageRef ref = ImageRef.parse(image);
      PrivateKey privateKey = CosignKeys.loadPrivate(KeyFiles.read(key), KeyFiles.passphrase(false), key.toString());
      Signer.Signed signed;
      try (RegistryClient client = registry.registryClient(Console.of(spec))) {
        signed = new Signer(client).sign(ref, privateKey);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("Signed " + ref.registry() + "/" + ref.repository() + "@" + signed.image() + "; pushed "
          + ref.registry() + "/" + ref.repository() + ":" + signed.signatureTag() + " (" + signed.signatures() + " signature"
          + (signed.signatures() == 1 ? "" : "s") + ")");
      out.flush();
      return 0;
    });
  }
}
