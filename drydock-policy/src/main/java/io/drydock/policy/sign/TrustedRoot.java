package io.drydock.policy.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a sigstore {@code trusted_root.json} keyless verification needs, read offline: the Fulcio
 * certificate chains ({@code certificateAuthorities[].certChain.certificates[].rawBytes}, DER base64) and the
 * Rekor keys by log id ({@code tlogs[].publicKey.rawBytes}, PKIX; {@code logId.keyId}, base64). Pure.
 */
public record TrustedRoot(List<X509Certificate> fulcio, Map<String, PublicKey> rekorByLogIdHex) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public TrustedRoot {
    fulcio = List.copyOf(fulcio);
    rekorByLogIdHex = Map.copyOf(rekorByLogIdHex);
  }

  public static TrustedRoot parse(byte[] json, String file) {
    try {
      JsonNode root = JSON.readTree(json);
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      List<X509Certificate> certs = new ArrayList<>();
      for (JsonNode ca : root.path("certificateAuthorities")) {
        for (JsonNode c : ca.path("certChain").path("certificates")) {
          certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(
              Base64.getDecoder().decode(c.path("rawBytes").asText()))));
        }
      }
      Map<String, PublicKey> rekor = new LinkedHashMap<>();
      for (JsonNode t : root.path("tlogs")) {
        byte[] spki = Base64.getDecoder().decode(t.path("publicKey").path("rawBytes").asText());
        String id = HexFormat.of().formatHex(Base64.getDecoder().decode(t.path("logId").path("keyId").asText()));
        rekor.put(id, KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki)));
      }
      if (certs.isEmpty() || rekor.isEmpty()) {
        throw new SignFailure(SignFailure.Reason.MALFORMED, "Tried to read trusted root " + file
            + " but failed because: it names no Fulcio certificate or no Rekor key");
      }
      return new TrustedRoot(certs, rekor);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new SignFailure(SignFailure.Reason.MALFORMED, "Tried to read trusted root " + file
          + " but failed because: it is not a sigstore trusted_root.json (" + e.getClass().getSimpleName() + ")");
    }
  }
}
