package io.drydock.refs.find;

import io.drydock.model.DrydockException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files read as text: bounded in size, strict UTF-8 (ISO-8859-1 only where Docker accepts it). */
final class FileText {
  private FileText() {}

  static byte[] readBounded(Path file) throws IOException {
    long size = Files.size(file);
    if (size > RefFinder.MAX_FILE_BYTES) {
      throw DrydockException.invalidInput("Tried to read " + file + " but failed because: it has " + size
          + " bytes, more than the " + RefFinder.MAX_FILE_BYTES + " allowed");
    }
    return Files.readAllBytes(file);
  }

  /** Text and the charset it was decoded from. */
  record Decoded(String text, Charset charset) {}

  /** UTF-8; with {@code latin1Fallback} (Dockerfiles), bytes that are not UTF-8 are read as ISO-8859-1. */
  static Decoded decode(Path file, byte[] bytes, boolean latin1Fallback) {
    try {
      return new Decoded(decode(file, bytes), StandardCharsets.UTF_8);
    } catch (DrydockException e) {
      if (!latin1Fallback) {
        throw e;
      }
      return new Decoded(new String(bytes, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
    }
  }

  static String decode(Path file, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw DrydockException.invalidInput("Tried to read " + file + " but failed because: it is not UTF-8 text");
    }
  }
}
