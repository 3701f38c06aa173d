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

  /** The revision in a router server name made by {@link #serverName} for {@code service}; -1 for any other name. */
  public static int revisionOfServer(String service, String server) {
    String prefix = service + "-r";
    if (!server.startsWith(prefix)) {
      return -1;
    }
    String rest = server.substring(prefix.length());
    int dash = rest.indexOf('-');
    if (dash < 1 || dash > 9 || dash == rest.length() - 1 || !rest.chars().allMatch(c -> c == '-' || Character.isDigit(c))
        || rest.indexOf('-', dash + 1) >= 0) {
      return -1;
    }
    return Integer.parseInt(rest.substring(0, dash));
  }

  /** Router server name of a replica: {@code SERVICE-rREV-I}. */
  public static String serverName(String service, int revision, int replica) {
    return service + "-r" + revision + "-" + replica;
  }
}
