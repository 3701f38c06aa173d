package io.drydock.image.manifest;

/** A parsed manifest document: an index (multi-platform list) or an image manifest. */
public sealed interface Manifest permits Manifest.Index, Manifest.Image {

  String mediaType();

  /** An OCI image index or Docker manifest list. */
  record Index(String mediaType, java.util.List<Descriptor> manifests) implements Manifest {
    public Index {
      manifests = java.util.List.copyOf(manifests);
    }
  }

  /** An OCI image manifest or Docker schema 2 manifest. */
  record Image(String mediaType, Descriptor config, java.util.List<Descriptor> layers) implements Manifest {
    public Image {
      layers = java.util.List.copyOf(layers);
    }
  }
}
