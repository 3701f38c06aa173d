package io.drydock.image.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Test fixtures: the real image archives from src/test/resources and helpers to build variants of them. */
public final class Fixtures {
  public static final String WHITEOUT = "whiteout.oci.tar";
  public static final String DEBIAN = "debian-bookworm-dpkgdb.oci.tar";
  public static final String WHITEOUT_MANIFEST = "sha256:967c6c4d254c65a6b06b029df0399acf5baf73be2f2db279583d44a6fba3f78a";
  public static final String WHITEOUT_CONFIG = "sha256:dc70008996f30e5e0442a686ae2453eec42b208fc1b95df0be80042ae4b09057";
  public static final String DEBIAN_MANIFEST = "sha256:4fe83b6c97fefa4c80034ca0bfd68ea856f42d7f40e1a4f3956ef8df6f9a7914";
  public static final String DEBIAN_LAYER = "sha256:0dd1fdf48d58f7111d30e1aa1f53ab44d67a1713dda655b937585cf8d9fcb580";
  public static final String ALPINE_LAYER = "sha256:7478d89e09e9b019d01a8c9d5f20290f6b371e67685fe4b949c1fa87f968ca0e";

  private Fixtures() {}

  /** Copies a fixture archive into {@code dir}. */
  public static Path copy(String name, Path dir) {
    Path target = dir.resolve(name);
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/images/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      Files.copy(in, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Extracts a fixture archive into a fresh directory {@code dir/name} (an OCI layout directory). */
  public static Path extract(String name, Path dir) {
    Path out = dir.resolve(name + ".d");
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/images/" + name);
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        Path p = out.resolve(e.getName()).normalize();
        if (!p.startsWith(out)) {
          throw new IllegalStateException("bad fixture entry " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(p);
        } else {
          Files.createDirectories(p.getParent());
          Files.copy(tar, p);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a tar holding the given entries (name → content; a value starting with "->" makes a symlink). */
  public static Path tar(Path file, Map<String, String> entries) {
    try (OutputStream out = Files.newOutputStream(file); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, String> en : entries.entrySet()) {
        String name = en.getKey().replaceAll("#\\d+$", "");
        if (en.getValue().startsWith("->")) {
          TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
          e.setLinkName(en.getValue().substring(2));
          tar.putArchiveEntry(e);
        } else {
          byte[] data = en.getValue().getBytes(StandardCharsets.UTF_8);
          TarArchiveEntry e = new TarArchiveEntry(name, true);
          e.setSize(data.length);
          tar.putArchiveEntry(e);
          tar.write(data);
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The regular files of a fixture archive, in order (links and directories dropped). */
  public static Map<String, byte[]> files(String name) {
    Map<String, byte[]> out = new java.util.LinkedHashMap<>();
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/images/" + name);
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (e.isFile() && !e.isSymbolicLink() && !e.isLink()) {
          out.put(e.getName(), tar.readAllBytes());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a tar of regular files. */
  public static Path tarBytes(Path file, Map<String, byte[]> entries) {
    try (OutputStream out = Files.newOutputStream(file); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> en : entries.entrySet()) {
        TarArchiveEntry e = new TarArchiveEntry(en.getKey(), true);
        e.setSize(en.getValue().length);
        tar.putArchiveEntry(e);
        tar.write(en.getValue());
        tar.closeArchiveEntry();
      }
      tar.finish();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a stream to its end and returns the number of bytes. */
  public static long drain(InputStream in) throws IOException {
    try (in) {
      byte[] buf = new byte[65536];
      long total = 0;
      int n;
      while ((n = in.read(buf)) >= 0) {
        total += n;
      }
      return total;
    }
  }
}
