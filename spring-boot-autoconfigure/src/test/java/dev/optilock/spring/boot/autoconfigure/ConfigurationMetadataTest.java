package dev.optilock.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The annotation processor's metadata names every optilock.* property with a description, so that IDEs complete them. */
class ConfigurationMetadataTest {

    @Test
    void should_describe_every_property() throws Exception {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json").isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        json = json.substring(json.indexOf("\"properties\""));
        if (json.contains("\"hints\"")) json = json.substring(0, json.indexOf("\"hints\""));
        List<String> names = new ArrayList<>();
        Matcher property = Pattern.compile("\\{\\s*\"name\": \"(optilock\\.[^\"]+)\",([^}]*)}").matcher(json);
        while (property.find()) {
            names.add(property.group(1));
            assertThat(property.group(2)).as("description of " + property.group(1)).contains("\"description\"");
        }
        assertThat(names).contains("optilock.url", "optilock.username", "optilock.password", "optilock.timeout",
                "optilock.pool-size", "optilock.write-identities", "optilock.properties", "optilock.cassandra.keyspace",
                "optilock.retry.attempts", "optilock.retry.initial-backoff", "optilock.retry.multiplier",
                "optilock.retry.max-backoff", "optilock.retry.jitter");
    }
}
