package io.drydock.scan.sbom;

import io.drydock.model.ImageMetadata;
import io.drydock.model.LayerInfo;
import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.Sbom;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;
import org.jspecify.annotations.Nullable;

/**
 * CycloneDX 1.6 JSON through cyclonedx-core-java. The image is the metadata component; the OS is an
 * operating-system component that depends on its packages; source package, layer and file location travel as
 * {@code drydock:} properties (see {@link Properties}).
 */
public final class CycloneDxWriter {
  private final Clock clock;
  private final String toolVersion;

  public CycloneDxWriter(Clock clock, String toolVersion) {
    this.clock = clock;
    this.toolVersion = toolVersion;
  }

  public void write(Sbom sbom, OutputStream out) throws IOException {
    try {
      String json = BomGeneratorFactory.createJson(Version.VERSION_16, toBom(sbom)).toJsonString(true);
      out.write(json.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    } catch (GeneratorException e) {
      throw new IOException("Tried to write a CycloneDX SBOM but failed because: " + e.getMessage(), e);
    }
  }

  /** The BOM of {@code sbom} (components with bom-ref = purl, {@code #n} appended to repeats), for callers that add to it. */
  public Bom toBom(Sbom sbom) {
    ImageMetadata image = sbom.image();
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + stableUuid(sbom));
    Metadata metadata = new Metadata();
    metadata.setTimestamp(Date.from(clock.instant()));
    ToolInformation tools = new ToolInformation();
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName("drydock");
    tool.setVersion(toolVersion);
    tools.setComponents(List.of(tool));
    metadata.setToolChoice(tools);

    Component root = new Component();
    root.setType(Component.Type.CONTAINER);
    root.setName(image.ref() != null ? image.ref().withDigest(null).familiar() : image.name());
    root.setBomRef("image");
    if (image.manifestDigest() != null) {
      root.setVersion(image.manifestDigest().toString());
    }
    List<Property> imageProps = new ArrayList<>();
    imageProps.add(property(Properties.IMAGE_NAME, image.name()));
    add(imageProps, Properties.MANIFEST_DIGEST, image.manifestDigest());
    add(imageProps, Properties.INDEX_DIGEST, image.indexDigest());
    add(imageProps, Properties.CONFIG_DIGEST, image.configDigest());
    add(imageProps, Properties.PLATFORM, image.platform());
    image.repoTags().forEach(t -> imageProps.add(property(Properties.REPO_TAG, t)));
    for (LayerInfo layer : image.layers()) {
      imageProps.add(property(Properties.DIFF_ID, layer.diffId().toString()));
    }
    root.setProperties(imageProps);
    metadata.setComponent(root);
    bom.setMetadata(metadata);

    List<Component> components = new ArrayList<>();
    Dependency rootDep = new Dependency("image");
    Dependency osDep = null;
    OsInfo os = sbom.os();
    if (os != null) {
      Component osComponent = new Component();
      osComponent.setType(Component.Type.OPERATING_SYSTEM);
      osComponent.setName(os.family());
      osComponent.setVersion(os.version());
      osComponent.setBomRef("os");
      osComponent.setProperties(List.of(property(Properties.OS_FAMILY, os.family()), property(Properties.OS_VERSION, os.version())));
      components.add(osComponent);
      osDep = new Dependency("os");
      rootDep.addDependency(new Dependency("os"));
    }
    Map<String, Integer> seen = new HashMap<>();
    Map<String, Dependency> deps = new HashMap<>();
    for (Package p : sbom.packages()) {
      String ref = p.purl();
      int n = seen.merge(ref, 1, Integer::sum);
      if (n > 1) {
        ref = ref + "#" + n;
      }
      components.add(component(p, ref));
      Dependency child = new Dependency(ref);
      if (p.type().isOsPackage() && osDep != null) {
        osDep.addDependency(child);
      } else {
        rootDep.addDependency(child);
      }
      deps.put(ref, child);
    }
    bom.setComponents(components);
    List<Dependency> all = new ArrayList<>();
    all.add(rootDep);
    if (osDep != null) {
      all.add(osDep);
    }
    for (String ref : deps.keySet().stream().sorted().toList()) {
      all.add(new Dependency(ref));
    }
    bom.setDependencies(all);
    return bom;
  }

  private static Component component(Package p, String ref) {
    Component c = new Component();
    c.setType(Component.Type.LIBRARY);
    c.setBomRef(ref);
    String name = p.name();
    if (p.type() == io.drydock.model.PackageType.MAVEN && name.contains(":")) {
      c.setGroup(name.substring(0, name.indexOf(':')));
      name = name.substring(name.indexOf(':') + 1);
    }
    c.setName(name);
    c.setVersion(p.version());
    c.setPurl(p.purl());
    if (!p.licenses().isEmpty()) {
      LicenseChoice choice = new LicenseChoice();
      for (String l : p.licenses()) {
        License license = new License();
        license.setName(l);
        choice.addLicense(license);
      }
      c.setLicenses(choice);
    }
    List<Property> props = new ArrayList<>();
    props.add(property(Properties.PACKAGE_TYPE, p.type().purlType()));
    add(props, Properties.SOURCE_NAME, p.sourceName());
    add(props, Properties.SOURCE_VERSION, p.sourceVersion());
    add(props, Properties.ARCH, p.arch());
    add(props, Properties.LAYER, p.layer());
    props.add(property(Properties.LOCATION, p.location()));
    c.setProperties(props);
    return c;
  }

  private static void add(List<Property> props, String name, @Nullable Object value) {
    if (value != null) {
      props.add(property(name, value.toString()));
    }
  }

  private static Property property(String name, String value) {
    Property p = new Property();
    p.setName(name);
    p.setValue(value);
    return p;
  }

  /** Same image content, same serial number: SBOMs of one image can be diffed. */
  static UUID stableUuid(Sbom sbom) {
    StringBuilder key = new StringBuilder(sbom.image().name());
    sbom.image().layers().forEach(l -> key.append(l.diffId()));
    sbom.packages().forEach(p -> key.append(p.purl()).append(p.location()));
    return UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8));
  }
}
