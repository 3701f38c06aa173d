package io.drydock.rollout.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The state directory of one service: {@code state.json} (written atomically), {@code lock} (an OS file lock
 * held while a drydock process drives the rollout, released by the OS if it dies) and request files through
 * which {@code promote} and {@code abort} reach a driving process.
 *
 * <p>Default location: {@code $XDG_STATE_HOME/drydock/SERVICE}, else {@code ~/.local/state/drydock/SERVICE}.
 */
public final class StateStore {
  /** State files are small; a bigger one is refused. */
  static final long MAX_STATE_BYTES = 4L << 20;

  /** What a second process may ask of the one driving the rollout. */
  public enum Request { PROMOTE, ABORT }

  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private final Path dir;

  private StateStore(Path dir) {
    this.dir = dir;
  }

  /** The store of {@code service} under {@code baseDir}, or under the default base when null. */
  public static StateStore of(@Nullable Path baseDir, String service, Map<String, String> env) {
    Path base = baseDir;
    if (base == null) {
      String xdg = env.get("XDG_STATE_HOME");
      base = xdg != null && !xdg.isBlank() ? Path.of(xdg, "drydock")
          : Path.of(System.getProperty("user.home"), ".local", "state", "drydock");
    }
    return new StateStore(base.resolve(service));
  }

  public Path dir() {
    return dir;
  }

  /** The saved state, or the initial one when none was saved. */
  public RolloutState load(String service) {
    Path file = dir.resolve("state.json");
    if (!Files.exists(file)) {
      return RolloutState.initial(service);
    }
    try {
      if (Files.size(file) > MAX_STATE_BYTES) {
        throw DrydockException.invalidInput("Tried to read rollout state " + file + " but failed because: it is larger than "
            + MAX_STATE_BYTES + " bytes");
      }
      RolloutState s = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), RolloutState.class);
      if (s.schema() != RolloutState.SCHEMA || !service.equals(s.service())) {
        throw DrydockException.invalidInput("Tried to read rollout state " + file + " but failed because: it is for service '"
            + s.service() + "' schema " + s.schema() + ", expected '" + service + "' schema " + RolloutState.SCHEMA);
      }
      return s;
    } catch (IOException | IllegalArgumentException e) {
      throw new DrydockException(ErrorKind.INVALID_INPUT, "Tried to read rollout state " + file + " but failed because: "
          + firstLine(e), e);
    }
  }

  /** Writes the state: temp file, fsync, atomic rename. */
  public void save(RolloutState state) {
    Path file = dir.resolve("state.json");
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve("state.json.tmp");
      byte[] bytes = JSON.writeValueAsBytes(state);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new DrydockException(ErrorKind.INTERNAL, "Tried to write rollout state " + file + " but failed because: " + firstLine(e), e);
    }
  }

  /** The exclusive lock of this service, or empty when another process (or this one) holds it. */
  public Optional<Lock> tryLock() {
    try {
      Files.createDirectories(dir);
      FileChannel ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        ch.close();
        return Optional.empty();
      }
      ch.truncate(0);
      ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
      return Optional.of(new Lock(ch, lock));
    } catch (IOException e) {
      throw new DrydockException(ErrorKind.INTERNAL, "Tried to lock " + dir.resolve("lock") + " but failed because: " + firstLine(e), e);
    }
  }

  /** The pid written by the lock holder, for CONFLICT messages. */
  public String holder() {
    try {
      return Files.readString(dir.resolve("lock"), StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Leaves a request for the process that drives the rollout. */
  public void request(Request r) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(r.name().toLowerCase(java.util.Locale.ROOT) + ".request"), "", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new DrydockException(ErrorKind.INTERNAL, "Tried to write a " + r + " request in " + dir + " but failed because: " + firstLine(e), e);
    }
  }

  /** Takes (deletes) a pending request of one of the given kinds; ABORT wins over PROMOTE. */
  public Optional<Request> takeRequest(java.util.Set<Request> kinds) {
    for (Request r : new Request[] {Request.ABORT, Request.PROMOTE}) {
      if (!kinds.contains(r)) {
        continue;
      }
      try {
        if (Files.deleteIfExists(dir.resolve(r.name().toLowerCase(java.util.Locale.ROOT) + ".request"))) {
          return Optional.of(r);
        }
      } catch (IOException e) {
        throw new DrydockException(ErrorKind.INTERNAL, "Tried to read requests in " + dir + " but failed because: " + firstLine(e), e);
      }
    }
    return Optional.empty();
  }

  /** Held while this process drives the service's rollout. */
  public static final class Lock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    Lock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        // the OS releases the lock with the channel anyway
      }
    }
  }

  static String firstLine(Exception e) {
    String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return m == null ? e.toString() : m.lines().findFirst().orElse(m);
  }
}
