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
@Command(name = "verify", header = "Verify an image's cosign signatures.",
    footer = {"", "Examples:", "  drydock verify --key cosign.pub registry.example.com/shop/api:1.4.2",
        "  drydock verify --trusted-root trusted_root.json \\",
        "      --certificate-identity dev@example.com \\",
        "      --certificate-oidc-issuer https://accounts.google.com 127.0.0.1:5000/app:1"},
    mixinStandardHelpOptions = true,
    description = "Verify an image's cosign signatures with a public key (or keyless: Fulcio certificate + Rekor bundle against a trusted root given offline, the certificate judged at the Rekor integrated time): the layers of its sha256-<hex>.sig manifest "
        + "and sigstore bundles attached as OCI 1.1 referrers (referrers API, or the sha256-<hex> tag index). Passes "
        + "when one signature verifies and names the image's digest. Transparency-log entries are not checked.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:A signature verifies.", " 2:Usage error.", " 3:The key file is not a PKIX ECDSA P-256 public key.",
        " 4:The key file, image or tag does not exist.", " 5:Registry authentication failed.", " 6:Registry unreachable.",
        "10:The image has no signature.",
        "11:A signature is there but does not verify with the key (payload changed, or another key signed).",
        "12:A signature verifies, but was made for another image digest.",
        "14:Keyless: a signature verifies, but its certificate identity or OIDC issuer is not the one asked for."})
public final class VerifyCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ImageOptionsMixin registry;

  @Option(names = "--key", paramLabel = "FILE", description = "The cosign public key (cosign.pub).")
  @org.jspecify.annotations.Nullable Path key;

  @Option(names = "--trusted-root", paramLabel = "FILE",
      description = "Keyless: a sigstore trusted_root.json (Fulcio roots, Rekor keys), read offline instead of --key.")
  @org.jspecify.annotations.Nullable Path trustedRoot;

  @Option(names = "--certificate-identity", paramLabel = "ID", description = "Keyless: the certificate's SAN e-mail or URI must be ID.")
  @org.jspecify.annotations.Nullable String identity;

  @Option(names = "--certificate-oidc-issuer", paramLabel = "URL", description = "Keyless: the certificate's OIDC issuer must be URL.")
  @org.jspecify.annotations.Nullable String issuer;

  @Parameters(paramLabel = "IMAGE", description = "registry/repository:tag or …@sha256:…")
  String image;

  @Override
  public Integer call() throws Exception {
    return KeyFiles.run(spec, () -> {
      ImageRef ref = ImageRef.parse(image);
      Verifier.Trust trust = trust();
      Verifier.Result result;
      try (RegistryClient client = registry.registryClient(Console.of(spec))) {
        result = new Verifier(client).verify(ref, trust);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("Verified " + ref.registry() + "/" + ref.repository() + "@" + result.image() + " with " + trust.name() + ": "
          + result.verified().size() + " of " + result.examined() + " signature" + (result.examined() == 1 ? "" : "s")
          + " verified");
      for (Verifier.Verified v : result.verified()) {
        out.println("  " + v.source() + "  " + v.layerOrManifest() + (v.dockerReference().isEmpty() ? "" : "  " + v.dockerReference()));
      }
      out.flush();
      return 0;
    });
  }

  private Verifier.Trust trust() {
    if ((key == null) == (trustedRoot == null)) {
      throw io.drydock.model.DrydockException.usage("Tried to verify " + image + " but failed because: give either --key or "
          + "--trusted-root");
    }
    if (key != null) {
      if (identity != null || issuer != null) {
        throw io.drydock.model.DrydockException.usage("Tried to verify " + image + " but failed because: "
            + "--certificate-identity and --certificate-oidc-issuer go with --trusted-root");
      }
      PublicKey publicKey = CosignKeys.loadPublic(KeyFiles.read(key), key.toString());
      return new Verifier.Trust.Key(publicKey, key.toString());
    }
    java.nio.file.Path rootFile = java.util.Objects.requireNonNull(trustedRoot);
    io.drydock.policy.sign.TrustedRoot root = io.drydock.policy.sign.TrustedRoot.parse(
        KeyFiles.read(rootFile).getBytes(java.nio.charset.StandardCharsets.UTF_8), rootFile.toString());
    return new Verifier.Trust.Keyless(root, rootFile.toString(), identity, issuer);
  }
}
