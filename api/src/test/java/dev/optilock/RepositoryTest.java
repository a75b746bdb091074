package dev.optilock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepositoryTest {
    private VersionedStore store;
    private VersionedRepository<Hero, String> heroes;

    @BeforeEach
    void open() {
        store = VersionedStores.open("optilock:mem:");
        store.createTable(Hero.class);
        heroes = store.repository(Hero.class, String.class);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void should_insert_if_absent_and_report_the_existing_row_otherwise() {
        WriteResult<Hero> first = heroes.insertIfAbsent(Hero.named("ada"));
        WriteResult<Hero> second = heroes.insertIfAbsent(Hero.named("ada").withDisplayName("Clone"));
        assertThat(first.applied()).isTrue();
        assertThat(first.entity().version()).isEqualTo(1L);
        assertThat(second.applied()).isFalse();
        assertThat(second.existing()).get().extracting(Hero::displayName).isEqualTo("Hero ada");
        assertThatThrownBy(() -> heroes.insert(Hero.named("ada")))
                .isInstanceOfSatisfying(EntityExistsException.class, e -> {
                    assertThat(e.entityName()).isEqualTo("heroes");
                    assertThat(e.key()).isEqualTo("ada");
                    assertThat(e.existing()).isPresent();
                });
    }

    @Test
    void should_update_with_version_and_distinguish_conflict_from_absence() {
        heroes.insert(Hero.named("ada"));
        Hero updated = heroes.updateWithVersion("ada", 1L, Changes.of("displayName", "Countess").increment("score", 5L));
        assertThat(updated.version()).isEqualTo(2L);
        assertThat(updated.displayName()).isEqualTo("Countess");
        assertThat(updated.score()).isEqualTo(5L);

        assertThatThrownBy(() -> heroes.updateWithVersion("ada", 1L, Changes.of("power", 3)))
                .isInstanceOfSatisfying(OptimisticLockException.class, e -> {
                    assertThat(e.entityName()).isEqualTo("heroes");
                    assertThat(e.key()).isEqualTo("ada");
                    assertThat(e.expectedVersion()).isEqualTo(1L);
                    assertThat(e.actualVersion()).contains(2L);
                    assertThat(e.currentEntity(Hero.class)).get().extracting(Hero::displayName).isEqualTo("Countess");
                    assertThat(e).isInstanceOf(TransientOptilockException.class);
                });
        assertThatThrownBy(() -> heroes.updateWithVersion("bob", 1L, Changes.of("power", 3)))
                .isInstanceOfSatisfying(EntityNotFoundException.class, e -> {
                    assertThat(e.entityName()).isEqualTo("heroes");
                    assertThat(e.key()).isEqualTo("bob");
                    assertThat(e).isInstanceOf(NonTransientOptilockException.class);
                });
        assertThat(store.counters()).isEqualTo(new StoreCounters(2, 1, 1, 0, 0, 0));
    }

    @Test
    void should_reject_bad_input_and_write_nothing() {
        heroes.insert(Hero.named("ada"));
        assertBad(() -> heroes.updateWithVersion(null, 1L, Changes.of("power", 1)), "key");
        assertBad(() -> heroes.updateWithVersion("ada", null, Changes.of("power", 1)), "expectedVersion");
        assertBad(() -> heroes.updateWithVersion("ada", "one", Changes.of("power", 1)), "expectedVersion");
        assertBad(() -> heroes.updateWithVersion("ada", 1L, Changes.none()), "changes must not be empty");
        assertBad(() -> heroes.updateWithVersion("ada", 1L, Changes.of("nope", 1)), "no column 'nope'");
        assertBad(() -> heroes.updateWithVersion("ada", 1L, Changes.of("power", "strong")), "column 'power' is INT");
        assertBad(() -> heroes.updateWithVersion("ada", 1L, Changes.of("username", "eve")), "part of the key");
        assertBad(() -> heroes.updateWithVersion("ada", 1L, Changes.of("version", 7L)), "is the version");
        assertBad(() -> heroes.updateWithVersion("ada", 1L, Changes.none().increment("display_name", 1)), "cannot be incremented");
        assertBad(() -> heroes.update("ada", Changes.of("power", 2), Condition.greaterThan("team", UUID.randomUUID())), "not defined on UUID");
        assertBad(() -> heroes.update("ada", Changes.of("power", 2), Condition.equalTo("ghost", 1)), "no column 'ghost'");
        assertBad(() -> heroes.insert(Hero.named(null)), "key column 'username'");
        assertBad(() -> heroes.updateAll(List.of(new VersionedUpdate<>("ada", 1L, Changes.of("power", 2)),
                new VersionedUpdate<>("ada", 1L, Changes.of("power", "x")))), "updates[1]");
        assertThat(heroes.find("ada").orElseThrow()).extracting(Hero::version, Hero::power).containsExactly(1L, 1);
        assertThat(store.counters().applied()).isEqualTo(1);
    }

    private static void assertBad(Runnable action, String messagePart) {
        assertThatThrownBy(action::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(messagePart);
    }

    @Test
    void should_apply_custom_conditions_and_report_the_current_row_when_they_fail() {
        heroes.insert(Hero.named("ada"));
        WriteResult<Hero> applied = heroes.update("ada", Changes.of("power", 5),
                Condition.greaterThanOrEqualTo("power", 1).and(Condition.in("rank", Hero.Rank.ROOKIE, Hero.Rank.VETERAN))
                        .and(Condition.isNull("team")).and(Condition.notEqualTo("rating", 1.0)));
        assertThat(applied.applied()).isTrue();
        assertThat(applied.entity().version()).isEqualTo(2L);
        WriteResult<Hero> rejected = heroes.update("ada", Changes.of("power", 9), Condition.lessThan("power", 5));
        assertThat(rejected.applied()).isFalse();
        assertThat(rejected.existing()).get().extracting(Hero::power).isEqualTo(5);
        assertThat(heroes.update("nobody", Changes.of("power", 9), Condition.always()).existing()).isEmpty();
        assertThat(heroes.updateIfExists("ada", Changes.of("power", 6)).entity().power()).isEqualTo(6);
        assertThat(heroes.updateIfExists("nobody", Changes.of("power", 6)).applied()).isFalse();
    }

    @Test
    void should_hide_soft_deleted_rows_unless_asked() {
        heroes.insert(Hero.named("ada"));
        Hero deleted = heroes.softDelete("ada", 1L);
        assertThat(deleted.deletedAt()).isNotNull();
        assertThat(heroes.find("ada")).isEmpty();
        assertThatThrownBy(() -> heroes.updateWithVersion("ada", 2L, Changes.of("power", 2))).isInstanceOf(EntityNotFoundException.class);
        assertThat(heroes.deleteIfExists("ada")).isFalse();
        assertThat(heroes.includingDeleted().find("ada")).isPresent();
        Hero restored = heroes.includingDeleted().updateWithVersion("ada", 2L, Changes.of("deletedAt", null));
        assertThat(heroes.find("ada")).contains(restored);
    }

    @Test
    void should_delete_with_version() {
        heroes.insert(Hero.named("ada"));
        assertThatThrownBy(() -> heroes.deleteWithVersion("ada", 7L)).isInstanceOf(OptimisticLockException.class);
        heroes.deleteWithVersion("ada", 1L);
        assertThatThrownBy(() -> heroes.deleteWithVersion("ada", 1L)).isInstanceOf(EntityNotFoundException.class);
        assertThat(heroes.deleteIfExists("ada")).isFalse();
    }

    @Test
    void should_modify_with_retries_after_conflicts() {
        heroes.insert(Hero.named("ada"));
        AtomicInteger calls = new AtomicInteger();
        Hero result = heroes.modify("ada", current -> {
            if (calls.getAndIncrement() == 0) {
                heroes.updateWithVersion("ada", current.version(), Changes.of("power", 50));
            }
            return Changes.of("power", current.power() + 1);
        }, RetryPolicy.immediate(3));
        assertThat(result.power()).isEqualTo(51);
        assertThat(calls).hasValue(2);
        assertThat(store.counters().retries()).isEqualTo(1);
        assertThatThrownBy(() -> heroes.modify("nobody", current -> Changes.of("power", 1), RetryPolicy.DEFAULT))
                .isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void should_report_every_batch_item() {
        heroes.insert(Hero.named("ada"));
        heroes.insert(Hero.named("bob"));
        List<ItemOutcome<Hero, String>> outcomes = heroes.updateAll(List.of(
                new VersionedUpdate<>("ada", 1L, Changes.of("power", 2)),
                new VersionedUpdate<>("bob", 9L, Changes.of("power", 2)),
                new VersionedUpdate<>("eve", 1L, Changes.of("power", 2))));
        assertThat(outcomes).extracting(ItemOutcome::succeeded).containsExactly(true, false, false);
        assertThat(outcomes.get(1).error()).get().isInstanceOf(OptimisticLockException.class);
        assertThat(outcomes.get(2).error()).get().isInstanceOf(EntityNotFoundException.class);
        assertThat(outcomes.get(0).updated()).get().extracting(Hero::version).isEqualTo(2L);
    }

    @Test
    void should_offer_every_operation_asynchronously() {
        AsyncVersionedRepository<Hero, String> async = heroes.async();
        assertThat(async.insert(Hero.named("ada")).toCompletableFuture().join().version()).isEqualTo(1L);
        assertThat(async.updateWithVersion("ada", 1L, Changes.of("power", 2)).toCompletableFuture().join().version()).isEqualTo(2L);
        assertThatThrownBy(() -> async.updateWithVersion("ada", 1L, Changes.of("power", 3)).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(OptimisticLockException.class);
        assertThatThrownBy(() -> async.find(null).toCompletableFuture().join()).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(async.deleteIfExists("ada").toCompletableFuture().join()).isTrue();
    }

    @Test
    void should_chain_the_backends_own_stages_when_it_has_a_native_async_api() {
        heroes.insert(Hero.named("ada"));
        // The reference backend is an AsyncBackend whose stages complete at once: no executor hop is involved.
        assertThat(heroes.async().find("ada").toCompletableFuture()).isDone();
        assertThat(heroes.async().modify("ada", hero -> Changes.of("power", 9), RetryPolicy.DEFAULT).toCompletableFuture())
                .isCompletedWithValueMatching(hero -> hero.power() == 9 && hero.version() == 2L);
    }

    @Test
    void should_advance_timestamp_versions_even_when_the_clock_stands_still() {
        Instant frozen = Instant.parse("2026-11-23T10:00:00.123456Z");
        try (VersionedStore frozenStore = VersionedStores.open("optilock:mem:",
                StoreOptions.builder().clock(Clock.fixed(frozen, ZoneOffset.UTC)).build())) {
            frozenStore.createTable(Pin.class);
            VersionedRepository<Pin, PrimaryKey> pins = frozenStore.repository(Pin.class, PrimaryKey.class);
            Pin pin = pins.insert(new Pin("ab", new byte[] {1, 2}, "n", null));
            assertThat(pin.updatedAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00.123Z"));
            PrimaryKey key = PrimaryKey.of("ab", new byte[] {1, 2});
            Pin second = pins.updateWithVersion(key, pin.updatedAt(), Changes.of("note", "m"));
            Pin third = pins.update(key, Changes.of("note", "o"), Condition.equalTo("note", "m")).entity();
            assertThat(second.updatedAt()).isEqualTo(pin.updatedAt().plusMillis(1));
            assertThat(third.updatedAt()).isEqualTo(pin.updatedAt().plusMillis(2));
        }
    }

    @Test
    void should_tell_listeners_about_every_outcome() {
        List<OperationEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.addListener(events::add);
        heroes.insert(Hero.named("ada"));
        assertThatThrownBy(() -> heroes.updateWithVersion("ada", 5L, Changes.of("power", 1)));
        assertThat(events).extracting(OperationEvent::outcome)
                .containsExactly(OperationEvent.Outcome.APPLIED, OperationEvent.Outcome.CONFLICT);
    }
}
