package dev.optilock.examples.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.VersionedStores;
import dev.optilock.GroupItem;
import dev.optilock.testservers.CassandraServer;
import dev.optilock.testservers.PostgresServer;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every pattern example, on the reference backend, H2 and PostgreSQL (and the group example on Cassandra too). */
class PatternsTest {
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    static Stream<String> backends() {
        return Stream.of("memory", "h2", "postgres");
    }

    static Stream<String> backendsWithCassandra() {
        return Stream.of("memory", "h2", "postgres", "cassandra");
    }

    private static VersionedStore open(String backend) {
        return switch (backend) {
            case "cassandra" -> {
                CassandraServer server = CassandraServer.shared();
                java.net.InetSocketAddress contact = server.contactPoints().get(0);
                yield VersionedStores.open("cql://" + contact.getHostString() + ":" + contact.getPort() + "/"
                        + server.freshKeyspaceName("patterns_") + "?localDatacenter=" + server.localDatacenter());
            }
            case "memory" -> VersionedStores.open("optilock:mem:patterns-" + System.nanoTime());
            case "h2" -> VersionedStores.open("jdbc:h2:mem:patterns_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            case "postgres" -> {
                PostgresServer server = PostgresServer.shared();
                yield VersionedStores.open(server.jdbcUrlForFreshSchema("patterns_"),
                        StoreOptions.builder().username(server.username()).password(server.password()).build());
            }
            default -> throw new IllegalArgumentException(backend);
        };
    }

    @ParameterizedTest
    @MethodSource("backends")
    void inventoryNeverOversells(String backend) {
        try (VersionedStore store = open(backend)) {
            InventoryReservation.Outcome outcome = InventoryReservation.run(store, QUIET);
            assertThat(outcome.unitsWanted()).isGreaterThan(outcome.initial());
            assertThat(outcome.finalAvailable()).isGreaterThanOrEqualTo(0);
            assertThat(outcome.finalAvailable() + outcome.finalReserved()).isEqualTo(outcome.initial());
            assertThat(outcome.unitsSold()).isEqualTo(outcome.finalReserved());
            // available only goes down, so whoever was turned away wanted more than is left now
            assertThat(outcome.rejectedQuantities()).isNotEmpty().allSatisfy(wanted -> assertThat(wanted).isGreaterThan(outcome.finalAvailable()));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void rateLimiterAdmitsExactlyTheLimitPerWindow(String backend) {
        try (VersionedStore store = open(backend)) {
            RateLimiter.Outcome outcome = RateLimiter.run(store, QUIET);
            assertThat(outcome.allowedFirstWindow()).isEqualTo(outcome.limit());
            assertThat(outcome.allowedSecondWindow()).isEqualTo(outcome.limit());
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void configCompareAndSetHasExactlyOneWinner(String backend) {
        try (VersionedStore store = open(backend)) {
            ConfigCompareAndSet.Outcome outcome = ConfigCompareAndSet.run(store, QUIET);
            assertThat(outcome.winners()).isEqualTo(1);
            assertThat(outcome.losersShownWinner()).isEqualTo(outcome.contenders() - 1);
            assertThat(outcome.staleWriteRejected()).isTrue();
            assertThat(outcome.actualVersionReported()).contains(3L);
            assertThat(outcome.finalValue()).isEqualTo("v2");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void softDeletedRecordsAreHiddenKeptAndRestorable(String backend) {
        try (VersionedStore store = open(backend)) {
            SoftDeletedRecords.Outcome outcome = SoftDeletedRecords.run(store, QUIET);
            assertThat(outcome.visibleAfterDelete()).isFalse();
            assertThat(outcome.seenIncludingDeleted()).isTrue();
            assertThat(outcome.keyStillTaken()).isTrue();
            assertThat(outcome.updateSawNotFound()).isTrue();
            assertThat(outcome.visibleAfterRestore()).isTrue();
            assertThat(outcome.finalVersion()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void updateAllReportsOneOutcomePerItem(String backend) {
        try (VersionedStore store = open(backend)) {
            BatchUpdates.Outcome outcome = BatchUpdates.run(store, QUIET);
            assertThat(outcome.kinds()).containsExactly("updated", "conflict", "not_found", "updated", "updated");
            assertThat(outcome.finalCents()).isEqualTo(List.of(900L, 2500L, 2700L, 3600L));
        }
    }

    @ParameterizedTest
    @MethodSource("backendsWithCassandra")
    void stockTransferMovesUnitsAllOrNothing(String backend) {
        try (VersionedStore store = open(backend)) {
            StockTransfer.Outcome outcome = StockTransfer.run(store, QUIET);
            assertThat(outcome.finalUnits().stream().mapToInt(Integer::intValue).sum()).as("units are moved, never created or lost")
                    .isEqualTo(outcome.initialTotal());
            assertThat(outcome.finalUnits()).as("no bin below zero").allMatch(units -> units >= 0);
            assertThat(outcome.moved()).as("the first moves out of a full bin cannot all be refused").isPositive();
            assertThat(outcome.refusal().applied()).isFalse();
            assertThat(outcome.refusal().items()).extracting(GroupItem::status).containsExactly(GroupItem.Status.CONFLICT,
                    GroupItem.Status.HELD);
            assertThat(outcome.refusal().items().get(0).current().orElseThrow().units()).as("the source bin's current units")
                    .isEqualTo(outcome.finalUnits().get(0));
        }
    }

    @Test
    void mainMethodsRunOnTheReferenceBackendByDefault() {
        StockTransfer.main(new String[0]);
        InventoryReservation.main(new String[0]);
        RateLimiter.main(new String[0]);
        ConfigCompareAndSet.main(new String[0]);
        SoftDeletedRecords.main(new String[0]);
        BatchUpdates.main(new String[0]);
    }
}
