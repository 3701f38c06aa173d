package io.drydock.cli.sign;

import io.drydock.model.DrydockException;
import io.drydock.policy.sign.CosignKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drydock keygen}: cosign's {@code generate-key-pair}. */
@Command(name = "keygen", header = "Write a cosign key pair: cosign.key and cosign.pub.",
    footer = {"", "Examples:", "  COSIGN_PASSWORD= drydock keygen", "  drydock keygen --output-key-prefix release"},
    mixinStandardHelpOptions = true,
    description = "Write an ECDSA P-256 key pair in cosign's formats: cosign.key (PEM 'ENCRYPTED SIGSTORE PRIVATE KEY', "
        + "scrypt + nacl/secretbox, readable by cosign) and cosign.pub (PKIX PEM). The passphrase comes from "
        + "COSIGN_PASSWORD (empty allowed), else it is asked on the terminal. Existing files are never overwritten.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Written.", " 2:Usage error: a key file exists already, or no passphrase.", " 4:The directory does not exist."})
public final class KeygenCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--output-key-prefix", paramLabel = "PREFIX", defaultValue = "cosign",
      description = "Write PREFIX.key and PREFIX.pub (default: ${DEFAULT-VALUE}, in the current directory).")
  String prefix = "cosign";

  @Override
  public Integer call() throws Exception {
    Path key = Path.of(prefix + ".key");
    Path pub = Path.of(prefix + ".pub");
    for (Path p : new Path[] {key, pub}) {
      if (Files.exists(p)) {
        throw DrydockException.usage("Tried to write " + p + " but failed because: it exists already (remove it first)");
      }
    }
    CosignKeys.Files files = CosignKeys.generate(KeyFiles.passphrase(true), new SecureRandom());
    write(key, files.privatePem(), true);
    write(pub, files.publicPem(), false);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Private key written to " + key);
    out.println("Public key written to " + pub);
    out.flush();
    return 0;
  }

  private static void write(Path p, String text, boolean secret) throws IOException {
    try {
      Files.writeString(p, text, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      if (secret && p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
      }
    } catch (FileAlreadyExistsException e) {
      throw DrydockException.usage("Tried to write " + p + " but failed because: it exists already (remove it first)");
    } catch (java.nio.file.NoSuchFileException e) {
      throw DrydockException.notFound("Tried to write " + p + " but failed because: the directory does not exist");
    }
  }
}
