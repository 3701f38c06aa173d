package io.drydock.rollout.plan;

/** Labels drydock puts on every container it creates; state can be rebuilt from them. */
public final class Labels {
  public static final String SERVICE = "io.drydock.service";
  public static final String REVISION = "io.drydock.revision";
  public static final String IMAGE_DIGEST = "io.drydock.image-digest";
  public static final String IMAGE = "io.drydock.image";
  public static final String ROLE = "io.drydock.role";
  public static final String REPLICA = "io.drydock.replica";
  public static final String PORT = "io.drydock.port";

  private Labels() {}

  /** Container name of a replica: {@code drydock-SERVICE-rREV-I}. */
  public static String containerName(String service, int revision, int replica) {
    return "drydock-" + service + "-r" + revision + "-" + replica;
  }

  /** Router server name of a replica: {@code SERVICE-rREV-I}. */
  public static String serverName(String service, int revision, int replica) {
    return service + "-r" + revision + "-" + replica;
  }
}
