package io.drydock.scan.sbom;

/**
 * Property names drydock writes into SBOMs (and reads back, together with Trivy's and Syft's spellings). Kept
 * in one place so readers and writers cannot drift apart.
 */
public final class Properties {
  private Properties() {}

  public static final String PREFIX = "drydock:";
  public static final String PACKAGE_TYPE = "drydock:package:type";
  public static final String SOURCE_NAME = "drydock:package:sourceName";
  public static final String SOURCE_VERSION = "drydock:package:sourceVersion";
  public static final String LAYER = "drydock:package:layerDiffID";
  public static final String LOCATION = "drydock:package:location";
  public static final String ARCH = "drydock:package:arch";
  public static final String IMAGE_NAME = "drydock:image:name";
  public static final String MANIFEST_DIGEST = "drydock:image:manifestDigest";
  public static final String INDEX_DIGEST = "drydock:image:indexDigest";
  public static final String CONFIG_DIGEST = "drydock:image:configDigest";
  public static final String PLATFORM = "drydock:image:platform";
  public static final String REPO_TAG = "drydock:image:repoTag";
  public static final String DIFF_ID = "drydock:image:diffID";
  public static final String OS_FAMILY = "drydock:os:family";
  public static final String OS_VERSION = "drydock:os:version";
}
