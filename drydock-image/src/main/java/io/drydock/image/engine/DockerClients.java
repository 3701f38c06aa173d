package io.drydock.image.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/**
 * The one place a docker-java client is built: {@link EngineSource} (image export) and drydock-engine-docker's
 * {@code DockerEngine} (rollouts) both call it with a host already resolved by
 * {@link io.drydock.model.EngineHost#resolve}. It lives here because drydock-engine-docker may depend on
 * drydock-image but not the other way round (drydock-image must not pull in drydock-rollout).
 */
public final class DockerClients {
  private DockerClients() {}

  /**
   * A client for {@code host} ({@code unix:///path.sock} or {@code tcp://host:port}) over the httpclient5
   * transport; TLS settings come from docker-java's defaults ({@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH}).
   * Closing the client closes its HTTP client.
   *
   * @throws IllegalArgumentException when {@code host} is not a URI docker-java accepts
   */
  public static DockerClient open(String host, Duration connectTimeout, Duration responseTimeout, int maxConnections) {
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
    ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(maxConnections)
        .connectionTimeout(connectTimeout)
        .responseTimeout(responseTimeout)
        .build();
    return DockerClientImpl.getInstance(config, http);
  }
}
