package io.drydock.policy.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.jspecify.annotations.Nullable;

/**
 * Keyless verification of one cosign signature layer, offline: the Rekor bundle's SignedEntryTimestamp verifies
 * with the trusted root's Rekor key; the entry records this payload's hash, this signature and this
 * certificate; the certificate chains to a trusted Fulcio root and was valid at the entry's integrated time; the
 * signature verifies with the certificate's key; and the certificate's identity (SAN e-mail or URI) and OIDC
 * issuer (extension 1.3.6.1.4.1.57264.1.8, or the older .1.1) are the ones asked for. Pure.
 */
public final class Keyless {
  static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
  static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Who signed, per the certificate. */
  public record Identity(String subject, @Nullable String issuer, Instant integratedTime) {}

  private Keyless() {}

  public static Identity verify(byte[] payload, String signatureB64, String certPem, String bundleJson, TrustedRoot root,
      @Nullable String wantIdentity, @Nullable String wantIssuer) {
    X509Certificate cert = certificate(certPem);
    JsonNode bundle = json(bundleJson, "the bundle annotation");
    JsonNode entry = bundle.path("Payload");
    String logId = entry.path("logID").asText("");
    PublicKey rekor = root.rekorByLogIdHex().get(logId);
    if (rekor == null) {
      throw bad("the Rekor entry is from log " + logId + ", which the trusted root does not name");
    }
    long integrated = entry.path("integratedTime").asLong(-1);
    String canonical = "{\"body\":" + quote(entry.path("body").asText("")) + ",\"integratedTime\":" + integrated
        + ",\"logID\":" + quote(logId) + ",\"logIndex\":" + entry.path("logIndex").asLong(-1) + "}";
    if (!Ecdsa.verify(rekor, canonical.getBytes(StandardCharsets.UTF_8), bundle.path("SignedEntryTimestamp").asText(""))) {
      throw bad("the Rekor SignedEntryTimestamp does not verify with the trusted root's Rekor key");
    }
    JsonNode body = json(new String(decode(entry.path("body").asText("")), StandardCharsets.UTF_8), "the Rekor entry body");
    JsonNode spec = body.path("spec");
    String hash = spec.path("data").path("hash").path("value").asText("");
    if (!hash.equals(Digest.sha256(payload).hex())) {
      throw bad("the Rekor entry records another payload (sha256 " + hash + ")");
    }
    if (!spec.path("signature").path("content").asText("").equals(signatureB64.trim())) {
      throw bad("the Rekor entry records another signature");
    }
    String recordedCert = new String(decode(spec.path("signature").path("publicKey").path("content").asText("")), StandardCharsets.UTF_8);
    if (!java.util.Arrays.equals(certificate(recordedCert).getPublicKey().getEncoded(), cert.getPublicKey().getEncoded())) {
      throw bad("the Rekor entry records another certificate");
    }
    Instant at = Instant.ofEpochSecond(integrated);
    chain(cert, root, at);
    if (!Ecdsa.verify(cert.getPublicKey(), payload, signatureB64)) {
      throw new SignFailure(SignFailure.Reason.BAD_SIGNATURE, "the signature does not verify with the certificate's key");
    }
    String subject = subject(cert);
    String issuer = issuer(cert);
    if (wantIdentity != null && !wantIdentity.equals(subject)) {
      throw new SignFailure(SignFailure.Reason.IDENTITY_MISMATCH, "the certificate identity is " + subject + ", not " + wantIdentity);
    }
    if (wantIssuer != null && !wantIssuer.equals(issuer)) {
      throw new SignFailure(SignFailure.Reason.IDENTITY_MISMATCH, issuer == null
          ? "the certificate has no OIDC issuer extension, so it cannot be issued by " + wantIssuer
          : "the certificate's OIDC issuer is " + issuer + ", not " + wantIssuer);
    }
    return new Identity(subject, issuer, at);
  }

  /** PKIX path from {@code cert} to a trusted Fulcio root, judged at the Rekor integrated time. */
  static void chain(X509Certificate cert, TrustedRoot root, Instant at) {
    try {
      Set<TrustAnchor> anchors = new HashSet<>();
      List<X509Certificate> intermediates = new ArrayList<>();
      for (X509Certificate c : root.fulcio()) {
        if (c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
          anchors.add(new TrustAnchor(c, null));
        } else {
          intermediates.add(c);
        }
      }
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      List<X509Certificate> path = new ArrayList<>();
      path.add(cert);
      path.addAll(intermediates);
      CertPath cp = cf.generateCertPath(path);
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(at));
      try {
        CertPathValidator.getInstance("PKIX").validate(cp, params);
        return;
      } catch (GeneralSecurityException e) {
        if (intermediates.isEmpty()) {
          throw e;
        }
      }
      CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(List.of(cert)), params);
    } catch (GeneralSecurityException e) {
      String valid = " (valid " + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant() + ", logged " + at + ")";
      throw bad("the certificate does not chain to a trusted Fulcio root at the Rekor integrated time" + valid);
    }
  }

  static String subject(X509Certificate cert) {
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          int type = (Integer) san.get(0);
          if (type == 1 || type == 6) { // rfc822Name, URI
            return String.valueOf(san.get(1));
          }
        }
      }
    } catch (GeneralSecurityException e) {
      // no usable SAN: below
    }
    throw bad("the certificate has no e-mail or URI subject alternative name");
  }

  static @Nullable String issuer(X509Certificate cert) {
    byte[] v2 = cert.getExtensionValue(ISSUER_V2);
    byte[] v1 = cert.getExtensionValue(ISSUER_V1);
    try {
      if (v2 != null) {
        ASN1Primitive inner = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(v2).getOctets());
        return ((ASN1String) inner).getString();
      }
      if (v1 != null) {
        return new String(ASN1OctetString.getInstance(v1).getOctets(), StandardCharsets.UTF_8);
      }
    } catch (IOException | ClassCastException | IllegalArgumentException e) {
      throw bad("the certificate's OIDC issuer extension is malformed");
    }
    return null;
  }

  private static X509Certificate certificate(String pem) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
          new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new SignFailure(SignFailure.Reason.MALFORMED, "the certificate annotation is not a PEM X.509 certificate");
    }
  }

  private static JsonNode json(String text, String what) {
    try {
      JsonNode n = JSON.readTree(text);
      if (n == null || !n.isObject()) {
        throw new SignFailure(SignFailure.Reason.MALFORMED, what + " is not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new SignFailure(SignFailure.Reason.MALFORMED, what + " is not JSON");
    }
  }

  private static byte[] decode(String b64) {
    try {
      return Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new SignFailure(SignFailure.Reason.MALFORMED, "the Rekor entry is not base64");
    }
  }

  private static String quote(String s) {
    return SignatureManifest.quote(s);
  }

  private static SignFailure bad(String why) {
    return new SignFailure(SignFailure.Reason.BAD_SIGNATURE, why);
  }
}
