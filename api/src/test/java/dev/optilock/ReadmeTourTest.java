package dev.optilock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import org.junit.jupiter.api.Test;

/** The README's API tour, as written there, so that the documentation cannot drift from the API. */
class ReadmeTourTest {

    @Table("profiles")
    public record Profile(@Key String userId, String bio, String status, @Version long version) {
    }

    @Test
    void should_run_the_readme_tour() {
        try (VersionedStore store = VersionedStores.open("optilock:mem:readme-tour")) {
            store.createTable(Profile.class);
            VersionedRepository<Profile, String> profiles = store.repository(Profile.class, String.class);

            WriteResult<Profile> created = profiles.insertIfAbsent(new Profile("ada", "", "new", 0));
            assertThat(created.applied()).isTrue();
            assertThat(profiles.insertIfAbsent(new Profile("ada", "", "new", 0)).existing()).contains(created.entity());

            Profile current = profiles.find("ada").orElseThrow();
            current = profiles.updateWithVersion("ada", current.version(), Changes.of("bio", "Countess of Lovelace"));
            assertThat(current.version()).isEqualTo(2L);
            Profile afterUpdate = current;
            assertThatThrownBy(() -> profiles.updateWithVersion("ada", 1L, Changes.of("bio", "stale")))
                    .isInstanceOfSatisfying(OptimisticLockException.class, conflict -> {
                        assertThat(conflict.actualVersion()).contains(2L);
                        assertThat(conflict.currentEntity(Profile.class)).contains(afterUpdate);
                    });

            profiles.modify("ada", profile -> Changes.of("status", "active"), RetryPolicy.DEFAULT);
            WriteResult<Profile> locked = profiles.update("ada", Changes.of("status", "locked"), Condition.notEqualTo("status", "locked"));
            assertThat(locked.entity().status()).isEqualTo("locked");
            assertThat(store.counters().applied()).isEqualTo(4);
        }
    }
}
