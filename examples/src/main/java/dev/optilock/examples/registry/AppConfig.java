package dev.optilock.examples.registry;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;

/** One configuration entry, changed by compare-and-set: on its value, or on its version. */
@Table("app_config")
public record AppConfig(@Key String configKey, String value, String updatedBy, @Version long version) {
}
