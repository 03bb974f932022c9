package io.refzarr.module;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.refzarr.refs.ReferenceSets;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module declaration as users on the module path meet it (the tests themselves run on the class
 * path): the built classes resolve as a named module with their real dependencies, API packages are
 * exported to everyone, and the internal packages only to refzarr's own modules.
 */
class ModuleBoundaryTest {
  static final Set<String> API =
      Set.of("io.refzarr.refs", "io.refzarr.nio", "io.refzarr.source", "io.refzarr.zarr");

  @Test
  void descriptor_resolvesWithItsDependencies_andExportsOnlyTheApiToEveryone() throws Exception {
    ModuleFinder finder =
        ModuleFinder.of(
            location(ReferenceSets.class), location(JsonFactory.class), location(Caffeine.class));
    Configuration cf =
        Configuration.resolve(
            finder,
            java.util.List.of(ModuleLayer.boot().configuration()),
            ModuleFinder.of(),
            Set.of("io.refzarr.nio"));
    ModuleDescriptor d = cf.findModule("io.refzarr.nio").orElseThrow().reference().descriptor();
    Map<String, Set<String>> exports = new TreeMap<>();
    for (ModuleDescriptor.Exports e : d.exports()) {
      exports.put(e.source(), e.targets());
    }
    for (String api : API) {
      assertThat(exports.get(api)).as(api).isEmpty(); // unqualified
    }
    Set<String> internal =
        d.packages().stream()
            .filter(p -> p.startsWith("io.refzarr.internal"))
            .collect(Collectors.toSet());
    assertThat(internal)
        .contains(
            "io.refzarr.internal.json",
            "io.refzarr.internal.refs",
            "io.refzarr.internal.io",
            "io.refzarr.internal.concurrent");
    for (String p : internal) {
      assertThat(exports.get(p)).as(p).isNotEmpty().allMatch(m -> m.startsWith("io.refzarr."));
    }
    assertThat(d.packages()).allMatch(p -> API.contains(p) || internal.contains(p));
    assertThat(d.provides())
        .anyMatch(p -> p.service().equals("java.nio.file.spi.FileSystemProvider"));
  }

  @Test
  void moduleLayer_providerFoundByServiceLoader_internalPackagesClosedToOthers() throws Exception {
    ModuleFinder finder =
        ModuleFinder.of(
            location(ReferenceSets.class), location(JsonFactory.class), location(Caffeine.class));
    ModuleLayer parent = ModuleLayer.boot();
    Configuration cf =
        parent.configuration().resolve(finder, ModuleFinder.of(), Set.of("io.refzarr.nio"));
    ModuleLayer layer = parent.defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    Module module = layer.findModule("io.refzarr.nio").orElseThrow();
    assertThat(module.isExported("io.refzarr.nio")).isTrue();
    assertThat(module.isExported("io.refzarr.internal.json")).isFalse();
    boolean found =
        java.util.ServiceLoader.load(layer, java.nio.file.spi.FileSystemProvider.class).stream()
            .anyMatch(p -> p.type().getName().equals("io.refzarr.nio.ReferenceFileSystemProvider"));
    assertThat(found).isTrue();
  }

  private static Path location(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
