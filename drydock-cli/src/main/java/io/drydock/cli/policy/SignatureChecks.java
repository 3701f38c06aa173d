package io.drydock.cli.policy;

import io.drydock.image.ImageOptions;
import io.drydock.image.registry.RegistryClient;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ImageRef;
import io.drydock.policy.rules.SignatureCheck;
import io.drydock.policy.sign.CosignKeys;
import io.drydock.policy.sign.SignatureOutcome;
import io.drydock.policy.sign.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code signature} rule's {@link SignatureCheck}: cosign signatures verified in the image's registry with
 * {@link Verifier}, against each trusted key file (paths relative to the working directory). Keyless identities
 * need a trusted root, which the policy file does not name yet: a rule that lists only identities fails with that
 * reason (use {@code drydock verify --trusted-root}).
 */
public final class SignatureChecks {
  private SignatureChecks() {}

  public static SignatureCheck current() {
    return SignatureChecks::verify;
  }

  private static SignatureCheck.Result verify(ImageRef ref, Digest digest, SignatureCheck.Trust trust) {
    if (trust.keys().isEmpty()) {
      return new SignatureCheck.Failed("keyless identities are not verified by policy rules yet (no trusted root); "
          + "list a key, or check with 'drydock verify --trusted-root'");
    }
    ImageRef pinned = ref.withDigest(digest);
    List<String> failures = new ArrayList<>();
    Path work;
    try {
      work = Files.createTempDirectory("drydock-verify");
    } catch (IOException e) {
      return new SignatureCheck.Failed("could not make a work dir: " + e.getMessage());
    }
    try (RegistryClient client = RegistryClient.create(ImageOptions.defaults(work))) {
      Verifier verifier = new Verifier(client);
      for (String keyFile : trust.keys()) {
        PublicKey key;
        try {
          key = CosignKeys.loadPublic(Files.readString(Path.of(keyFile), StandardCharsets.UTF_8), keyFile);
        } catch (NoSuchFileException e) {
          failures.add("key " + keyFile + " does not exist");
          continue;
        } catch (IOException | DrydockException e) {
          failures.add("key " + keyFile + ": " + e.getMessage());
          continue;
        }
        SignatureOutcome outcome = verifier.outcome(pinned, key, keyFile);
        if (outcome instanceof SignatureOutcome.Verified) {
          return new SignatureCheck.Verified(List.of("key:" + keyFile));
        }
        failures.add(((SignatureOutcome.Refused) outcome).message());
      }
    } catch (IOException | DrydockException e) {
      failures.add("could not read the signatures of " + pinned + ": " + e.getMessage());
    } finally {
      try {
        Files.deleteIfExists(work);
      } catch (IOException ignored) {
        // an empty temp dir left behind is harmless
      }
    }
    return new SignatureCheck.Failed(String.join("; ", failures));
  }
}
