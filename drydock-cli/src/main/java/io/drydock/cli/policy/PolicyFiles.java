package io.drydock.cli.policy;

import io.drydock.model.DrydockException;
import io.drydock.policy.file.PolicyFile;
import io.drydock.policy.rules.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a policy file for {@link PolicyFile#parse} (the policy module does no I/O). */
public final class PolicyFiles {
  private PolicyFiles() {}

  public static RuleSet read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw DrydockException.notFound("Tried to read the policy " + file + " but it does not exist");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw DrydockException.invalidInput("Tried to read the policy " + file + " but failed because: " + e.getMessage());
    }
    return PolicyFile.parse(file.toString(), text);
  }
}
