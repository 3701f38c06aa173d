package io.drydock.cli.sign;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.policy.sign.SignFailure;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** What the sign commands share: reading key files, the passphrase, and printing a {@link SignFailure}. */
final class KeyFiles {
  static final long MAX_KEY_FILE = 4L * 1024 * 1024;

  private KeyFiles() {}

  static String read(Path file) {
    try {
      if (Files.size(file) > MAX_KEY_FILE) {
        throw new SignFailure(SignFailure.Reason.MALFORMED, "Tried to read key " + file + " but failed because: it is over "
            + MAX_KEY_FILE + " bytes");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw DrydockException.notFound("Tried to read key " + file + " but failed because: there is no such file");
    } catch (java.nio.charset.MalformedInputException e) {
      throw new SignFailure(SignFailure.Reason.MALFORMED, "Tried to read key " + file + " but failed because: it is not text");
    } catch (IOException e) {
      throw new DrydockException(ErrorKind.NOT_FOUND, "Tried to read key " + file + " but failed because: " + e.getMessage());
    }
  }

  /**
   * The passphrase as cosign takes it: {@code COSIGN_PASSWORD} when set (empty allowed), else asked on the
   * terminal ({@code confirm}: twice), else a usage error.
   */
  static byte[] passphrase(boolean confirm) {
    String env = System.getenv("COSIGN_PASSWORD");
    if (env != null) {
      return env.getBytes(StandardCharsets.UTF_8);
    }
    Console console = System.console();
    if (console == null) {
      throw DrydockException.usage("Tried to read the key passphrase but failed because: COSIGN_PASSWORD is not set and "
          + "there is no terminal to ask on (set COSIGN_PASSWORD; empty is allowed)");
    }
    char[] first = console.readPassword("Enter password for private key: ");
    if (confirm) {
      char[] again = console.readPassword("Enter password for private key again: ");
      if (!Arrays.equals(first, again)) {
        throw DrydockException.usage("Tried to read the key passphrase but failed because: the two passwords differ");
      }
    }
    return new String(first == null ? new char[0] : first).getBytes(StandardCharsets.UTF_8);
  }

  /** Runs {@code body}; a {@link SignFailure} is printed as one line and its own exit code returned. */
  static int run(CommandSpec spec, Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (SignFailure f) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("drydock: " + f.getMessage());
      err.flush();
      return f.exitCode();
    }
  }
}
