package io.drydock.cli.ledger;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Model.CommandSpec;

/** A UTF-8 byte stream onto picocli's stdout writer, for the writers that produce bytes (reports, JSON Lines). */
final class Stdout {
  private Stdout() {}

  static PrintStream of(CommandSpec spec) {
    PrintWriter w = spec.commandLine().getOut();
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    return new PrintStream(new OutputStream() {
      private ByteBuffer carry = ByteBuffer.allocate(0);

      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public synchronized void write(byte[] b, int off, int len) {
        ByteBuffer in = ByteBuffer.allocate(carry.remaining() + len);
        in.put(carry).put(b, off, len).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        out.flip();
        w.append(out);
        carry = in.slice();
      }

      @Override
      public void flush() {
        w.flush();
      }
    }, true, StandardCharsets.UTF_8);
  }
}
