package io.drydock.scan.layer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.image.OpenedImage;
import io.drydock.model.Digest;
import io.drydock.model.ImageConfig;
import io.drydock.model.ImageMetadata;
import io.drydock.model.LayerInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * A minimal OCI archive reader for tests and the benchmark: index.json → first manifest → config and layers,
 * blobs read straight out of the tar (random access, nothing extracted). Blob digests are not verified here.
 */
public final class OciArchive implements OpenedImage {
  private final TarFile tar;
  private final Map<String, TarArchiveEntry> entries = new HashMap<>();
  private final ImageMetadata metadata;

  private OciArchive(Path file) throws IOException {
    this.tar = new TarFile(file);
    for (TarArchiveEntry e : tar.getEntries()) {
      entries.put(e.getName().startsWith("./") ? e.getName().substring(2) : e.getName(), e);
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode index = json.readTree(bytes("index.json"));
    Digest manifestDigest = Digest.parse(index.get("manifests").get(0).get("digest").asText());
    JsonNode manifest = json.readTree(blob(manifestDigest));
    Digest configDigest = Digest.parse(manifest.get("config").get("digest").asText());
    JsonNode config = json.readTree(blob(configDigest));
    JsonNode diffIds = config.get("rootfs").get("diff_ids");
    List<LayerInfo> layers = new ArrayList<>();
    JsonNode layerNodes = manifest.get("layers");
    for (int i = 0; i < layerNodes.size(); i++) {
      JsonNode l = layerNodes.get(i);
      layers.add(new LayerInfo(Digest.parse(l.get("digest").asText()), Digest.parse(diffIds.get(i).asText()),
          l.get("size").asLong(), l.get("mediaType").asText(), null));
    }
    this.metadata = new ImageMetadata("oci-archive:" + file.getFileName(), null, null, manifestDigest, configDigest, null,
        layers, ImageConfig.empty(), List.of());
  }

  public static OciArchive open(Path file) throws IOException {
    return new OciArchive(file);
  }

  private byte[] bytes(String name) throws IOException {
    TarArchiveEntry e = entries.get(name);
    if (e == null) {
      throw new IOException("no " + name + " in the archive");
    }
    try (InputStream in = tar.getInputStream(e)) {
      return in.readAllBytes();
    }
  }

  private byte[] blob(Digest d) throws IOException {
    return bytes("blobs/" + d.algorithm() + "/" + d.hex());
  }

  @Override
  public ImageMetadata metadata() {
    return metadata;
  }

  @Override
  public InputStream openLayerBlob(int index) throws IOException {
    Digest d = metadata.layers().get(index).digest();
    TarArchiveEntry e = entries.get("blobs/" + d.algorithm() + "/" + d.hex());
    if (e == null) {
      throw new IOException("no blob " + d);
    }
    return tar.getInputStream(e);
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
