package io.drydock.router.haproxy;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An HAProxy started by drydock: writes {@code haproxy.cfg} from a {@link HaproxyConfig} into a work directory and
 * runs {@code haproxy -W -f haproxy.cfg} (master-worker) with its output in {@code haproxy.log} there. Closing it
 * stops HAProxy (SIGTERM, then SIGKILL after 5 s). To drive an HAProxy that runs already, use
 * {@link HaproxyRouter#attach(Path)} with its admin socket instead.
 */
public final class HaproxyProcess implements AutoCloseable {
  private final Process process;
  private final HaproxyConfig config;
  private final Path configFile;
  private final Path logFile;

  private HaproxyProcess(Process process, HaproxyConfig config, Path configFile, Path logFile) {
    this.process = process;
    this.config = config;
    this.configFile = configFile;
    this.logFile = logFile;
  }

  /** Starts {@code haproxy} from the PATH and waits up to {@code timeout} for its admin socket to answer. */
  public static HaproxyProcess start(HaproxyConfig config, Path workDir, Duration timeout) throws InterruptedException {
    return start("haproxy", config, workDir, timeout);
  }

  /**
   * Starts the given haproxy binary.
   *
   * @throws DrydockException UNREACHABLE (with HAProxy's last log lines) when it exits or its socket does not answer
   *     within {@code timeout}; INVALID_INPUT when HAProxy rejects the configuration
   */
  public static HaproxyProcess start(String haproxy, HaproxyConfig config, Path workDir, Duration timeout)
      throws InterruptedException {
    Path configFile = workDir.resolve("haproxy.cfg");
    Path logFile = workDir.resolve("haproxy.log");
    Process process;
    try {
      Files.createDirectories(workDir);
      Files.deleteIfExists(config.socket());
      Files.writeString(configFile, config.render(), StandardCharsets.UTF_8);
      process = new ProcessBuilder(haproxy, "-W", "-f", configFile.toString())
          .redirectErrorStream(true)
          .redirectOutput(logFile.toFile())
          .start();
    } catch (IOException e) {
      throw new DrydockException(ErrorKind.UNREACHABLE, "Tried to start `" + haproxy + " -W -f " + configFile
          + "` but failed because: " + RuntimeApi.oneLine(e), e);
    }
    HaproxyProcess started = new HaproxyProcess(process, config, configFile, logFile);
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeApi api = new RuntimeApi(config.socket(), Duration.ofSeconds(2));
    try {
      while (true) {
        if (!process.isAlive()) {
          String log = lastLines(logFile, 5);
          ErrorKind kind = log.contains("ALERT") && log.contains("parsing") ? ErrorKind.INVALID_INPUT : ErrorKind.UNREACHABLE;
          throw new DrydockException(kind, "Tried to start HAProxy with " + configFile + " but failed because: it exited with code "
              + process.exitValue() + ": " + log);
        }
        if (Files.exists(config.socket())) {
          try {
            if (api.execute("show info").contains("Name: HAProxy")) {
              return started;
            }
          } catch (DrydockException notYet) {
            // the worker is not listening yet
          }
        }
        if (System.nanoTime() > deadline) {
          throw new DrydockException(ErrorKind.UNREACHABLE, "Tried to start HAProxy with " + configFile
              + " but failed because: its admin socket " + config.socket() + " did not answer within " + timeout.toMillis()
              + " ms: " + lastLines(logFile, 5));
        }
        Thread.sleep(20);
      }
    } catch (InterruptedException | RuntimeException e) {
      started.close();
      throw e;
    }
  }

  /** A router on this HAProxy's admin socket, adding servers with this configuration's health-check settings. */
  public HaproxyRouter router() {
    return HaproxyRouter.attach(config.socket(), config.serverOptions());
  }

  public HaproxyConfig config() {
    return config;
  }

  public Path socket() {
    return config.socket();
  }

  public int frontendPort() {
    return config.frontendPort();
  }

  public Path configFile() {
    return configFile;
  }

  public Path logFile() {
    return logFile;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops HAProxy: SIGTERM to the master (which stops its worker), SIGKILL after 5 s. */
  @Override
  public void close() {
    process.destroy();
    boolean interrupted = false;
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      interrupted = true;
    }
    try {
      Files.deleteIfExists(config.socket());
    } catch (IOException ignored) {
      // best effort: HAProxy normally removes it
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  static String lastLines(Path file, int n) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - n), lines.size());
      return tail.isEmpty() ? "(no output)" : String.join(" / ", tail).strip();
    } catch (IOException e) {
      return "(no log: " + RuntimeApi.oneLine(e) + ")";
    }
  }
}
