package dev.optilock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module descriptor of optilock-api exports the API and the SPI, and nothing of the implementation. */
class ModuleDescriptorTest {

    @Test
    void should_export_the_api_and_the_spi_only() throws IOException {
        ModuleDescriptor descriptor = descriptor();
        assertThat(descriptor.name()).isEqualTo("dev.optilock");
        assertThat(descriptor.exports()).allSatisfy(exported -> assertThat(exported.isQualified()).isFalse());
        assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("dev.optilock", "dev.optilock.mapping", "dev.optilock.spi", "dev.optilock.spi.semantics");
        assertThat(descriptor.opens()).isEmpty();
    }

    @Test
    void should_provide_the_reference_backend_and_use_providers() throws IOException {
        ModuleDescriptor descriptor = descriptor();
        assertThat(descriptor.uses()).containsExactly("dev.optilock.spi.VersionedStoreProvider");
        assertThat(descriptor.provides()).singleElement().satisfies(provides -> {
            assertThat(provides.service()).isEqualTo("dev.optilock.spi.VersionedStoreProvider");
            assertThat(provides.providers()).containsExactly("dev.optilock.memory.MemoryStoreProvider");
        });
    }

    @Test
    void should_need_nothing_but_the_platform() throws IOException {
        assertThat(descriptor().requires().stream().map(ModuleDescriptor.Requires::name)).containsExactly("java.base");
    }

    /** The descriptor compiled beside the API's classes (the class path also holds the JDK's own descriptors). */
    private static ModuleDescriptor descriptor() throws IOException {
        Path classes;
        try {
            classes = Path.of(VersionedStores.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Optional<ModuleReference> module = ModuleFinder.of(classes).find("dev.optilock");
        assertThat(module).as("module dev.optilock at " + classes).isPresent();
        return module.get().descriptor();
    }
}
