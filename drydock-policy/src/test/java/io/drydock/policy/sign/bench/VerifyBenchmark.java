package io.drydock.policy.sign.bench;

import io.drydock.image.ImageOptions;
import io.drydock.image.registry.PushBlob;
import io.drydock.image.registry.RegistryClient;
import io.drydock.model.ImageRef;
import io.drydock.policy.sign.CosignKeys;
import io.drydock.policy.sign.Signer;
import io.drydock.policy.sign.Verifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Verify of one signed image against the local registry, warm (same JVM and client, after warm-up rounds),
 * against the baseline of a plain manifest GET of the same image by tag, measured in the same run.
 * Args: [rounds] (default 50). Registry: DRYDOCK_TEST_REGISTRY or 127.0.0.1:5000.
 */
public final class VerifyBenchmark {
  private VerifyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    String registry = System.getenv().getOrDefault("DRYDOCK_TEST_REGISTRY", "127.0.0.1:5000");
    Path dir = Files.createTempDirectory("drydock-verify-bench");
    try (RegistryClient client = RegistryClient.builder(ImageOptions.defaults(dir).withDockerConfigDir(dir.resolve("none")))
        .environment(Map.of()).build()) {
      ImageRef ref = ImageRef.parse(registry + "/drydock-bench/verify-" + UUID.randomUUID().toString().substring(0, 8) + ":v1");
      PushBlob config = PushBlob.of("{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8));
      byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{"
          + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.size() + ",\"digest\":\""
          + config.digest() + "\"},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
      client.pushImage(ref, "application/vnd.oci.image.manifest.v1+json", manifest, List.of(config));
      CosignKeys.Files keys = CosignKeys.generate(new byte[0], new SecureRandom());
      PrivateKey key = CosignKeys.loadPrivate(keys.privatePem(), new byte[0], "cosign.key");
      PublicKey pub = CosignKeys.loadPublic(keys.publicPem(), "cosign.pub");
      new Signer(client).sign(ref, key);
      Verifier verifier = new Verifier(client);
      for (int i = 0; i < 20; i++) {
        verifier.verify(ref, pub, "cosign.pub");
        client.fetchManifest(ref, 1 << 20);
      }
      List<Double> verify = new ArrayList<>();
      List<Double> baseline = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        long t0 = System.nanoTime();
        client.fetchManifest(ref, 1 << 20);
        long t1 = System.nanoTime();
        verifier.verify(ref, pub, "cosign.pub");
        long t2 = System.nanoTime();
        baseline.add((t1 - t0) / 1e6);
        verify.add((t2 - t1) / 1e6);
      }
      double v = median(verify);
      double b = median(baseline);
      System.out.printf(Locale.ROOT, "verify (warm, median of %d): %.2f ms   p90 %.2f ms   target <= 100 ms: %s%n", rounds, v,
          pct(verify, 0.9), v <= 100 ? "PASS" : "FAIL");
      System.out.printf(Locale.ROOT, "baseline manifest GET of the same image (median): %.2f ms%n", b);
      System.out.printf(Locale.ROOT, "ratio verify / manifest GET: %.1fx%n", v / b);
    }
  }

  static double median(List<Double> xs) {
    return pct(xs, 0.5);
  }

  static double pct(List<Double> xs, double p) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(Math.min(s.size() - 1, (int) Math.floor(p * s.size())));
  }
}
