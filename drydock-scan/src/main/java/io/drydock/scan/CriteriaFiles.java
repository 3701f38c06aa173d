package io.drydock.scan;

import io.drydock.model.DrydockException;
import io.drydock.policy.filter.IgnoreFiles;
import io.drydock.policy.filter.IgnoreRule;
import io.drydock.policy.filter.OpenVex;
import io.drydock.policy.filter.VexStatement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the files a scan's criteria come from (ignore files, exceptions, VEX documents), at most
 * {@link IgnoreFiles#MAX_BYTES} each, and hands their text to drydock-policy's parsers, which do no I/O.
 */
public final class CriteriaFiles {
  private CriteriaFiles() {}

  /** The ignore rules of {@code file}, in whichever of the three formats it is. */
  public static List<IgnoreRule> ignoreRules(Path file) {
    return IgnoreFiles.parse(readBounded(file, "ignore file"), name(file));
  }

  /** The statements of the OpenVEX document {@code file}. */
  public static List<VexStatement> vex(Path file) {
    return OpenVex.parse(readBounded(file, "VEX document"), name(file));
  }

  private static String name(Path file) {
    return file.getFileName() == null ? file.toString() : file.getFileName().toString();
  }

  static String readBounded(Path file, String what) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(IgnoreFiles.MAX_BYTES + 1);
      if (bytes.length > IgnoreFiles.MAX_BYTES) {
        throw DrydockException.invalidInput("Tried to read the " + what + " " + file + " but failed because: it is larger than "
            + IgnoreFiles.MAX_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw DrydockException.notFound("Tried to read the " + what + " " + file + " but failed because: it does not exist");
    } catch (IOException e) {
      throw DrydockException.invalidInput("Tried to read the " + what + " " + file + " but failed because: " + e.getMessage());
    }
  }
}
