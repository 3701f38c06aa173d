package io.drydock.scan.analyzer.ospkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import org.jspecify.annotations.Nullable;

/**
 * Reads '\n'-terminated lines as UTF-8 (bad bytes replaced) with a bounded buffer: a line longer than
 * {@code maxLineBytes} is cut there and the rest of it is discarded, and {@link #lastLineTruncated()} says so.
 * Never allocates more than {@code maxLineBytes} plus a fixed read buffer, whatever the input. '\r' before '\n'
 * is dropped. Does not close the stream.
 */
public final class LineReader {
  private final InputStream in;
  private final byte[] buf = new byte[8192];
  private int pos;
  private int lim;
  private final byte[] line;
  private boolean truncated;
  private long lineNumber;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);

  public LineReader(InputStream in, int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes < 1");
    }
    this.in = in;
    this.line = new byte[maxLineBytes];
  }

  /** The next line without its terminator, or null at the end of the input. */
  public @Nullable String readLine() throws IOException {
    int len = 0;
    boolean any = false;
    truncated = false;
    while (true) {
      if (pos == lim) {
        lim = in.read(buf, 0, buf.length);
        pos = 0;
        if (lim <= 0) {
          lim = 0;
          if (!any) {
            return null;
          }
          break;
        }
      }
      any = true;
      byte b = buf[pos++];
      if (b == '\n') {
        break;
      }
      if (len < line.length) {
        line[len++] = b;
      } else {
        truncated = true;
      }
    }
    lineNumber++;
    if (len > 0 && line[len - 1] == '\r' && !truncated) {
      len--;
    }
    try {
      return decoder.reset().decode(ByteBuffer.wrap(line, 0, len)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("decoder set to REPLACE threw", e);
    }
  }

  /** Whether the line last returned was longer than the limit and was cut. */
  public boolean lastLineTruncated() {
    return truncated;
  }

  /** 1-based number of the line last returned. */
  public long lineNumber() {
    return lineNumber;
  }
}
