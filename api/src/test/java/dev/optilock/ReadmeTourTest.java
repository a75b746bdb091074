package dev.optilock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's API tour, as written there, so that the documentation cannot drift from the API. */
class ReadmeTourTest {

    @Table("profiles")
    public record Profile(@Key String userId, String bio, String status, @Version long version) {
    }

    @Table("bin_stock")
    public record BinStock(@Key String warehouse, @Key(clustering = true) String bin, int units, @Version long version) {
    }

    @Test
    void should_run_the_readme_group() {
        try (VersionedStore store = VersionedStores.open("optilock:mem:readme-group")) {
            store.createTable(BinStock.class);
            VersionedRepository<BinStock, PrimaryKey> bins = store.repository(BinStock.class, PrimaryKey.class);
            bins.insert(new BinStock("north", "a", 7, 0));
            bins.insert(new BinStock("north", "b", 0, 0));
            List<GroupWrite<BinStock, PrimaryKey>> move = List.of(
                    GroupWrite.update(PrimaryKey.of("north", "a"), Changes.none().increment("units", -5),
                            Condition.greaterThanOrEqualTo("units", 5)),
                    GroupWrite.update(PrimaryKey.of("north", "b"), Changes.none().increment("units", 5), Condition.always()));
            GroupResult<BinStock, PrimaryKey> moved = bins.applyAtomically(move);
            assertThat(moved.applied()).isTrue();
            assertThat(moved.items()).extracting(item -> item.entity().units()).containsExactly(2, 5);
            GroupResult<BinStock, PrimaryKey> refused = bins.applyAtomically(move);
            assertThat(refused.failures()).singleElement().satisfies(failed -> {
                assertThat(failed.key()).isEqualTo(PrimaryKey.of("north", "a"));
                assertThat(failed.status()).isEqualTo(GroupItem.Status.CONFLICT);
                assertThat(failed.current().orElseThrow().units()).isEqualTo(2);
            });
            assertThat(bins.find(PrimaryKey.of("north", "b")).orElseThrow().units()).as("the refused group wrote nothing").isEqualTo(5);
        }
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
