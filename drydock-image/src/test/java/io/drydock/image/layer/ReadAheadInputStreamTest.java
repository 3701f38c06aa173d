package io.drydock.image.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.DrydockException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadAheadInputStreamTest {

  @ParameterizedTest
  @CsvSource({"0, 16, 2", "1, 16, 2", "16, 16, 2", "17, 16, 2", "100000, 4096, 3", "1048576, 65536, 8"})
  void deliversExactlyTheSourceBytes(int size, int chunk, int depth) throws IOException {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    try (ReadAheadInputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data), chunk, depth, "t")) {
      assertThat(in.readAllBytes()).isEqualTo(data);
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void aFailureOfTheSourceReachesTheConsumerUnchangedAfterTheBytesBeforeIt() throws IOException {
    DrydockException boom = DrydockException.invalidInput("digest mismatch");
    InputStream source = new InputStream() {
      int n;

      @Override
      public int read() {
        if (n++ < 10) {
          return 'a';
        }
        throw boom;
      }
    };
    try (ReadAheadInputStream in = new ReadAheadInputStream(source, 4, 2, "t")) {
      assertThat(in.readNBytes(8)).hasSize(8);
      assertThatThrownBy(in::readAllBytes).isSameAs(boom);
    }
  }

  @Test
  void anIoExceptionKeepsItsType() throws IOException {
    InputStream source = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new java.io.EOFException("truncated");
      }
    };
    try (ReadAheadInputStream in = new ReadAheadInputStream(source, 4, 2, "t")) {
      assertThatThrownBy(in::read).isInstanceOf(java.io.EOFException.class).hasMessage("truncated");
    }
  }

  @Test
  void closeStopsTheThreadEvenWhenTheConsumerStoppedEarly() throws IOException {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 0;
      }
    };
    ReadAheadInputStream in = new ReadAheadInputStream(endless, 1024, 2, "t");
    in.read();
    in.close();
    assertThat(in.stopped()).isTrue();
  }

  @Test
  void anInterruptedConsumerGetsInterruptedIoExceptionAndKeepsTheFlag() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    InputStream blocked = new InputStream() {
      @Override
      public int read() throws IOException {
        try {
          never.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException();
        }
        return -1;
      }
    };
    try (ReadAheadInputStream in = new ReadAheadInputStream(blocked, 16, 2, "t")) {
      Thread.currentThread().interrupt();
      assertThatThrownBy(in::read).isInstanceOf(InterruptedIOException.class);
      assertThat(Thread.interrupted()).isTrue();
    }
  }
}
