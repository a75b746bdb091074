package dev.optilock.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM lists every library module of the build, at the build's version. */
class BomTest {
    private static final Path ROOT = Path.of("..");
    private static final List<String> NOT_PUBLISHED = List.of("optilock-examples", "optilock-examples-spring-boot", "optilock-benchmarks",
            "optilock-bom");

    @Test
    void should_list_every_library_module_at_the_builds_version() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
        assertThat(first(bom, "<version>([^<]+)</version>")).as("the BOM's version").isEqualTo(first(parent, "<version>([^<]+)</version>"));
        List<String> libraries = new ArrayList<>();
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
        while (modules.find()) {
            String artifact = first(Files.readString(ROOT.resolve(modules.group(1)).resolve("pom.xml")),
                    "</parent>\\s*<artifactId>([^<]+)</artifactId>");
            if (artifact != null && !NOT_PUBLISHED.contains(artifact)) libraries.add(artifact);
        }
        assertThat(libraries).as("library modules").contains("optilock-api", "optilock-backend-sql", "optilock-backend-cql");
        for (String library : libraries) {
            assertThat(bom).as("the BOM manages " + library).contains("<artifactId>" + library + "</artifactId>");
        }
    }

    private static String first(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }
}
