package dev.optilock.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.optilock.VersionedStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The stock service over HTTP on a real database (each subclass picks one): concurrent deliveries lose nothing,
 * concurrent transfers neither create nor lose a unit, and refusals are 409, unknown bins 404, bad input 400.
 */
@SpringBootTest(classes = StockApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class StockServiceContract {
    @Autowired
    TestRestTemplate http;

    @Autowired
    VersionedStore store;

    abstract String backendName();

    @Test
    void should_run_on_the_configured_backend() {
        assertThat(store.capabilities().backendName()).isEqualTo(backendName());
    }

    @Test
    void should_lose_no_delivery_and_move_units_without_creating_or_losing_any() throws Exception {
        String warehouse = "w-" + UUID.randomUUID();
        assertThat(open(warehouse, "a", 100).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(open(warehouse, "b", 0).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<Bin> again = open(warehouse, "a", 5);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().quantity()).as("the bin already there").isEqualTo(100L);

        List<HttpStatus> deliveries = race(thread -> http.postForEntity("/warehouses/" + warehouse + "/bins/a/deliveries",
                Map.of("quantity", 1), Bin.class).getStatusCode());
        assertThat(deliveries).containsOnly(HttpStatus.OK);
        assertThat(bin(warehouse, "a").quantity()).as("8 threads x 5 deliveries of 1, none lost").isEqualTo(140L);

        List<HttpStatus> transfers = race(thread -> http.postForEntity("/warehouses/" + warehouse + "/transfers",
                Map.of("from", "a", "to", "b", "quantity", 1), String.class).getStatusCode());
        long moved = transfers.stream().filter(HttpStatus.OK::equals).count();
        assertThat(transfers).as("a transfer applies, or gives up after its retries with 409").isSubsetOf(HttpStatus.OK,
                HttpStatus.CONFLICT);
        assertThat(moved).isPositive();
        assertThat(bin(warehouse, "b").quantity()).as("every transfer that applied moved one unit once").isEqualTo(moved);
        assertThat(bin(warehouse, "a").quantity() + bin(warehouse, "b").quantity()).as("units are moved, never created or lost")
                .isEqualTo(140L);
    }

    @Test
    void should_answer_refusals_unknown_bins_and_bad_input_with_their_statuses() {
        String warehouse = "w-" + UUID.randomUUID();
        open(warehouse, "a", 3);
        open(warehouse, "b", 0);
        assertThat(http.postForEntity("/warehouses/" + warehouse + "/transfers", Map.of("from", "a", "to", "b", "quantity", 4),
                String.class).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(bin(warehouse, "a").quantity()).as("a refused transfer moved nothing").isEqualTo(3L);
        assertThat(http.getForEntity("/warehouses/" + warehouse + "/bins/nowhere", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.postForEntity("/warehouses/" + warehouse + "/bins/nowhere/deliveries", Map.of("quantity", 1),
                String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.postForEntity("/warehouses/" + warehouse + "/bins/a/deliveries", Map.of("quantity", -1),
                String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private ResponseEntity<Bin> open(String warehouse, String bin, long quantity) {
        return http.exchange("/warehouses/" + warehouse + "/bins/" + bin, HttpMethod.PUT, new HttpEntity<>(Map.of("quantity", quantity)),
                Bin.class);
    }

    private Bin bin(String warehouse, String bin) {
        return http.getForObject("/warehouses/" + warehouse + "/bins/" + bin, Bin.class);
    }

    /** 8 threads, 5 requests each, released together. */
    private static List<HttpStatus> race(java.util.function.IntFunction<org.springframework.http.HttpStatusCode> request)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<Future<List<HttpStatus>>> threads = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int number = thread;
                threads.add(pool.submit(() -> {
                    start.await();
                    List<HttpStatus> statuses = new ArrayList<>();
                    for (int i = 0; i < 5; i++) statuses.add(HttpStatus.valueOf(request.apply(number).value()));
                    return statuses;
                }));
            }
            start.countDown();
            List<HttpStatus> all = new ArrayList<>();
            for (Future<List<HttpStatus>> thread : threads) all.addAll(thread.get(2, TimeUnit.MINUTES));
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
