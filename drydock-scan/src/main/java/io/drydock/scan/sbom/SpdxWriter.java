package io.drydock.scan.sbom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.model.ImageMetadata;
import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.Sbom;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * SPDX 2.3 JSON. No maintained Java library writes SPDX 2.3 JSON without pulling in a large model
 * (spdx java-tools brings its own storage layer), and the document is small and flat, so it is written with
 * Jackson. The image is the described package; the OS package CONTAINS the OS packages; source package goes to
 * {@code sourceInfo}, the origin layer and location to annotations.
 */
public final class SpdxWriter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Clock clock;
  private final String toolVersion;

  public SpdxWriter(Clock clock, String toolVersion) {
    this.clock = clock;
    this.toolVersion = toolVersion;
  }

  public void write(Sbom sbom, OutputStream out) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(toJson(sbom));
    out.write(bytes);
    out.write('\n');
  }

  ObjectNode toJson(Sbom sbom) {
    ImageMetadata image = sbom.image();
    String created = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    String imageName = image.ref() != null ? image.ref().withDigest(null).familiar() : image.name();
    ObjectNode doc = JSON.createObjectNode();
    doc.put("spdxVersion", "SPDX-2.3");
    doc.put("dataLicense", "CC0-1.0");
    doc.put("SPDXID", "SPDXRef-DOCUMENT");
    doc.put("name", imageName);
    doc.put("documentNamespace", "https://drydock.invalid/spdx/" + safe(imageName) + "-" + CycloneDxWriter.stableUuid(sbom));
    ObjectNode info = doc.putObject("creationInfo");
    info.putArray("creators").add("Tool: drydock-" + toolVersion);
    info.put("created", created);
    ArrayNode packages = doc.putArray("packages");
    ArrayNode relationships = doc.putArray("relationships");

    ObjectNode root = packages.addObject();
    root.put("SPDXID", "SPDXRef-Image");
    root.put("name", imageName);
    if (image.manifestDigest() != null) {
      root.put("versionInfo", image.manifestDigest().toString());
    }
    root.put("downloadLocation", "NOASSERTION");
    root.put("filesAnalyzed", false);
    root.put("primaryPackagePurpose", "CONTAINER");
    if (image.ref() != null && image.manifestDigest() != null) {
      ArrayNode refs = root.putArray("externalRefs");
      ObjectNode purl = refs.addObject();
      purl.put("referenceCategory", "PACKAGE-MANAGER");
      purl.put("referenceType", "purl");
      purl.put("referenceLocator", ociPurl(image));
    }
    relationship(relationships, "SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Image");

    OsInfo os = sbom.os();
    if (os != null) {
      ObjectNode osNode = packages.addObject();
      osNode.put("SPDXID", "SPDXRef-OperatingSystem");
      osNode.put("name", os.family());
      osNode.put("versionInfo", os.version());
      osNode.put("downloadLocation", "NOASSERTION");
      osNode.put("filesAnalyzed", false);
      osNode.put("primaryPackagePurpose", "OPERATING-SYSTEM");
      relationship(relationships, "SPDXRef-Image", "CONTAINS", "SPDXRef-OperatingSystem");
    }
    int index = 0;
    for (Package p : sbom.packages()) {
      String id = "SPDXRef-Package-" + (++index) + "-" + shortHash(p.purl() + "|" + p.location());
      ObjectNode node = packages.addObject();
      node.put("SPDXID", id);
      node.put("name", p.name());
      node.put("versionInfo", p.version());
      node.put("downloadLocation", "NOASSERTION");
      node.put("filesAnalyzed", false);
      node.put("licenseConcluded", "NOASSERTION");
      node.put("licenseDeclared", "NOASSERTION");
      if (!p.licenses().isEmpty()) {
        node.put("licenseComments", "declared by the package: " + String.join(", ", p.licenses()));
      }
      node.put("primaryPackagePurpose", "LIBRARY");
      if (p.sourceName() != null || p.sourceVersion() != null) {
        node.put("sourceInfo", "built package from: " + p.sourceNameOrName() + " " + p.sourceVersionOrVersion());
      }
      ObjectNode ref = node.putArray("externalRefs").addObject();
      ref.put("referenceCategory", "PACKAGE-MANAGER");
      ref.put("referenceType", "purl");
      ref.put("referenceLocator", p.purl());
      ArrayNode annotations = node.putArray("annotations");
      annotate(annotations, created, Properties.LOCATION + "=" + p.location());
      if (p.layer() != null) {
        annotate(annotations, created, Properties.LAYER + "=" + p.layer());
      }
      annotate(annotations, created, Properties.PACKAGE_TYPE + "=" + p.type().purlType());
      String parent = p.type().isOsPackage() && os != null ? "SPDXRef-OperatingSystem" : "SPDXRef-Image";
      relationship(relationships, parent, "CONTAINS", id);
    }
    return doc;
  }

  private void annotate(ArrayNode annotations, String created, String comment) {
    ObjectNode a = annotations.addObject();
    a.put("annotator", "Tool: drydock-" + toolVersion);
    a.put("annotationDate", created);
    a.put("annotationType", "OTHER");
    a.put("comment", comment);
  }

  private static void relationship(ArrayNode relationships, String from, String type, String to) {
    ObjectNode r = relationships.addObject();
    r.put("spdxElementId", from);
    r.put("relationshipType", type);
    r.put("relatedSpdxElement", to);
  }

  private static String ociPurl(ImageMetadata image) {
    String repo = image.ref().repository();
    String name = repo.substring(repo.lastIndexOf('/') + 1);
    String url = image.ref().registry() + "/" + repo;
    return "pkg:oci/" + name + "@" + image.manifestDigest().toString().replace(":", "%3A")
        + "?repository_url=" + url.replace(":", "%3A");
  }

  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]", "-");
  }

  private static String shortHash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
