package io.drydock.scan;

import io.drydock.scan.layer.PathKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * What {@code drydock inspect} reports about an image's final filesystem. Paths are relative to the root
 * ({@code usr/bin/passwd}).
 *
 * @param layerCount number of layers
 * @param pathCount files, directories and links in the final view
 * @param uncompressedBytes sum of the layers' uncompressed sizes
 * @param setuidPaths regular files with the setuid bit
 * @param setgidPaths regular files with the setgid bit
 * @param shells shell paths present (files or links): {@code bin/sh}, {@code bin/bash}, {@code bin/busybox} …
 * @param packageManagers package managers whose tool is present: {@code apt}, {@code dpkg}, {@code apk},
 *     {@code rpm}, {@code dnf}, {@code yum}, {@code microdnf}, {@code tdnf}, {@code zypper}
 */
public record ImageFacts(
    int layerCount,
    long pathCount,
    long uncompressedBytes,
    List<String> setuidPaths,
    List<String> setgidPaths,
    List<String> shells,
    List<String> packageManagers) {

  static final List<String> SHELL_NAMES = List.of("sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "csh", "tcsh", "fish", "busybox");
  static final List<String> BIN_DIRS = List.of("bin/", "usr/bin/", "sbin/", "usr/sbin/", "usr/local/bin/");
  static final Map<String, List<String>> PACKAGE_MANAGERS = managerTools();

  public ImageFacts {
    setuidPaths = List.copyOf(setuidPaths);
    setgidPaths = List.copyOf(setgidPaths);
    shells = List.copyOf(shells);
    packageManagers = List.copyOf(packageManagers);
  }

  private static Map<String, List<String>> managerTools() {
    Map<String, List<String>> tools = new LinkedHashMap<>();
    tools.put("apt", List.of("apt-get", "apt"));
    tools.put("dpkg", List.of("dpkg"));
    tools.put("apk", List.of("apk"));
    tools.put("rpm", List.of("rpm"));
    tools.put("dnf", List.of("dnf", "dnf-3", "dnf5"));
    tools.put("yum", List.of("yum"));
    tools.put("microdnf", List.of("microdnf"));
    tools.put("tdnf", List.of("tdnf"));
    tools.put("zypper", List.of("zypper"));
    return tools;
  }

  /** The facts of a final view: path → {@link PathKind} code. */
  public static ImageFacts of(NavigableMap<String, String> paths, int layerCount, long uncompressedBytes) {
    List<String> setuid = new ArrayList<>();
    List<String> setgid = new ArrayList<>();
    paths.forEach((path, code) -> {
      if (PathKind.isSetuid(code)) {
        setuid.add(path);
      }
      if (PathKind.isSetgid(code)) {
        setgid.add(path);
      }
    });
    List<String> shells = new ArrayList<>();
    for (String dir : BIN_DIRS) {
      for (String name : SHELL_NAMES) {
        if (present(paths, dir + name)) {
          shells.add(dir + name);
        }
      }
    }
    List<String> managers = new ArrayList<>();
    PACKAGE_MANAGERS.forEach((manager, tools) -> {
      boolean found = tools.stream().anyMatch(tool -> BIN_DIRS.stream().anyMatch(dir -> present(paths, dir + tool)));
      if (found) {
        managers.add(manager);
      }
    });
    return new ImageFacts(layerCount, paths.size(), uncompressedBytes, setuid, setgid, shells, managers);
  }

  private static boolean present(Map<String, String> paths, String path) {
    String code = paths.get(path);
    return code != null && PathKind.isFileLike(code);
  }
}
