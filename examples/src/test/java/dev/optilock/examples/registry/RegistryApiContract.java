package dev.optilock.examples.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.optilock.examples.Main;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The registry HTTP API, end to end: {@code serve} started in-process on a free port, driven by
 * {@link HttpClient}. Subclasses pick the backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistryApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Main.Serve serve;
    private HttpClient http;
    private String base;

    /** The backend flag for {@code serve}. */
    abstract String backend();

    record Reply(int status, JsonNode body, String raw) {
    }

    @BeforeAll
    void startServe() {
        serve = Main.startServe("serve", "--backend", backend(), "--port", "0");
        base = "http://127.0.0.1:" + serve.port();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    void stopServe() {
        if (serve != null) serve.close();
    }

    // ---- POST /api/users ----

    @Test
    void registerThenDuplicateShowsTheExistingOwner() {
        String username = unique("Agent-Cipher");
        Reply created = post("/api/users", Map.of("username", username, "email", "cipher@registry.galaxy",
                "display_name", "Agent Cipher", "dimension", "Dimension-6"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().get("applied").asBoolean()).isTrue();
        assertThat(created.body().get("username").asText()).isEqualTo(username);
        String userId = created.body().get("user_id").asText();

        Reply duplicate = post("/api/users", Map.of("username", username, "email", "doppel9@clone.farm",
                "display_name", "Doppel-9", "dimension", "Dimension-9"));
        assertThat(duplicate.status()).as(duplicate.raw()).isEqualTo(409);
        JsonNode detail = duplicate.body().get("detail");
        assertThat(detail.get("error").asText()).isEqualTo("username_taken");
        assertThat(detail.get("existing").get("username").asText()).isEqualTo(username);
        assertThat(detail.get("existing").get("email").asText()).isEqualTo("cipher@registry.galaxy");
        assertThat(detail.get("existing").get("user_id").asText()).isEqualTo(userId);
    }

    @Test
    void registerWithAJsonBody() throws IOException {
        String username = unique("Json-Hero");
        Reply created = send("POST", "/api/users", JSON.writeValueAsString(Map.of("username", username,
                "email", "json@registry.galaxy", "display_name", "Json Hero", "dimension", "Dimension-J")));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        Reply user = get("/api/users/" + username);
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.body().get("dimension").asText()).isEqualTo("Dimension-J");
        assertThat(user.body().get("display_name").asText()).isEqualTo("Json Hero");
    }

    @Test
    void badRegistrationsNameTheFieldAndWriteNothing() {
        String dimension = unique("Bad-Input");
        String username = unique("Nobody");
        assertInvalid(post("/api/users", Map.of("email", "x@y.z", "dimension", dimension)), 422, "username");
        assertInvalid(post("/api/users", Map.of("username", "bad name!", "email", "x@y.z", "dimension", dimension)), 422, "username");
        assertInvalid(post("/api/users", Map.of("username", username, "dimension", dimension)), 422, "email");
        assertInvalid(post("/api/users", Map.of("username", username, "email", "not-an-email", "dimension", dimension)), 422, "email");
        assertInvalid(post("/api/users", Map.of("username", username, "email", "x@y.z", "dimension", "bad\ndimension")), 422, "dimension");
        assertInvalid(send("POST", "/api/users?username=" + username, "{not json"), 400, "body");
        assertInvalid(send("POST", "/api/users", "[1, 2]"), 400, "body");

        assertThat(get("/api/users/" + username).status()).isEqualTo(404);
        assertThat(get("/api/users?dimension=" + dimension).body()).isEmpty();
    }

    // ---- GET /api/users ----

    @Test
    void listAllAndByDimension() {
        String dimensionA = unique("Dim-A");
        String dimensionB = unique("Dim-B");
        String a1 = unique("Alpha");
        String a2 = unique("Beta");
        String b1 = unique("Gamma");
        register(a1, dimensionA);
        register(a2, dimensionA);
        register(b1, dimensionB);

        assertThat(usernames(get("/api/users?dimension=" + dimensionA))).containsExactlyInAnyOrder(a1, a2);
        assertThat(usernames(get("/api/users?dimension=" + dimensionB))).containsExactly(b1);
        assertThat(usernames(get("/api/users"))).contains(a1, a2, b1);

        assertThat(send("DELETE", "/api/users/" + a2, null).status()).isEqualTo(204);
        assertThat(usernames(get("/api/users?dimension=" + dimensionA))).containsExactly(a1);
        assertThat(usernames(get("/api/users"))).contains(a1, b1).doesNotContain(a2);
    }

    @Test
    void concurrentRegistrationsInOneDimensionAreAllListed() {
        String dimension = unique("Crowded");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) names.add(unique("Crowd-" + i));
        List<CompletableFuture<HttpResponse<String>>> replies = names.stream()
                .map(name -> http.sendAsync(request("POST", "/api/users?" + form(Map.of("username", name, "email",
                        "crowd@registry.galaxy", "dimension", dimension)), null), HttpResponse.BodyHandlers.ofString()))
                .toList();
        assertThat(replies.stream().map(reply -> reply.join().statusCode()).toList()).containsOnly(201);
        assertThat(usernames(get("/api/users?" + form(Map.of("dimension", dimension))))).containsExactlyInAnyOrderElementsOf(names);
    }

    // ---- PUT /api/profiles/{user_id} ----

    @Test
    void profileUpdatesWithOptimisticLocking() {
        String username = unique("Profiled");
        String userId = post("/api/users", Map.of("username", username, "email", "p@registry.galaxy")).body()
                .get("user_id").asText();

        Reply profile = get("/api/profiles/" + userId);
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.body().get("version").asLong()).isEqualTo(1);

        Reply updated = put("/api/profiles/" + userId, Map.of("bio", "Counter-clone specialist", "expected_version", "1"));
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        assertThat(updated.body().get("version").asLong()).isEqualTo(2);
        assertThat(updated.body().get("profile").get("bio").asText()).isEqualTo("Counter-clone specialist");

        Reply stale = put("/api/profiles/" + userId, Map.of("bio", "I read version 1", "expected_version", "1"));
        assertThat(stale.status()).as(stale.raw()).isEqualTo(409);
        JsonNode detail = stale.body().get("detail");
        assertThat(detail.get("error").asText()).isEqualTo("version_conflict");
        assertThat(detail.get("existing").get("version").asLong()).isEqualTo(2);
        assertThat(detail.get("existing").get("bio").asText()).isEqualTo("Counter-clone specialist");

        Reply status = put("/api/profiles/" + userId, Map.of("status", "away", "expected_version", "2"));
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body().get("version").asLong()).isEqualTo(3);
        assertThat(status.body().get("profile").get("bio").asText()).isEqualTo("Counter-clone specialist");
        assertThat(status.body().get("profile").get("status").asText()).isEqualTo("away");

        Reply unknown = put("/api/profiles/" + UUID.randomUUID(), Map.of("bio", "ghost", "expected_version", "1"));
        assertThat(unknown.status()).as(unknown.raw()).isEqualTo(404);
    }

    @Test
    void badProfileUpdatesNameTheFieldAndWriteNothing() {
        String userId = post("/api/users", Map.of("username", unique("Careful"), "email", "c@registry.galaxy")).body()
                .get("user_id").asText();
        assertInvalid(put("/api/profiles/" + userId, Map.of("bio", "x", "expected_version", "two")), 422, "expected_version");
        assertInvalid(put("/api/profiles/" + userId, Map.of("bio", "x")), 422, "expected_version");
        assertInvalid(put("/api/profiles/" + userId, Map.of("bio", "x", "expected_version", "0")), 422, "expected_version");
        assertInvalid(put("/api/profiles/" + userId, Map.of("expected_version", "1")), 422, "bio");
        assertInvalid(put("/api/profiles/not-a-uuid", Map.of("bio", "x", "expected_version", "1")), 422, "user_id");
        assertInvalid(send("PUT", "/api/profiles/" + userId + "?expected_version=1", "{\"bio\": {\"nested\": true}}"), 422, "bio");

        Reply profile = get("/api/profiles/" + userId);
        assertThat(profile.body().get("version").asLong()).isEqualTo(1);
        assertThat(profile.body().get("bio").asText()).isEmpty();
    }

    // ---- DELETE /api/users/{username} ----

    @Test
    void deleteThenDeleteAgainThenRegisterAgain() {
        String username = unique("Ephemeral");
        String firstId = register(username, "Dimension-6");
        assertThat(send("DELETE", "/api/users/" + username, null).status()).isEqualTo(204);
        Reply again = send("DELETE", "/api/users/" + username, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(get("/api/users/" + username).status()).isEqualTo(404);
        assertThat(get("/api/profiles/" + firstId).status()).as("the profile goes with the user").isEqualTo(404);

        Reply reborn = post("/api/users", Map.of("username", username, "email", "again@registry.galaxy", "dimension", "Dimension-6"));
        assertThat(reborn.status()).isEqualTo(201);
        assertThat(reborn.body().get("user_id").asText()).isNotEqualTo(firstId);
    }

    @Test
    void unknownRoutesAndMethods() {
        assertThat(get("/api/nothing").status()).isEqualTo(404);
        Reply wrongMethod = send("PATCH", "/api/users", "");
        assertThat(wrongMethod.status()).isEqualTo(405);
    }

    // ---- the race over HTTP ----

    @Test
    void fiftyConcurrentRegistrationsOfOneUsernameGiveExactlyOne201() {
        String username = unique("Contested");
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            replies.add(http.sendAsync(request("POST", "/api/users?" + form(Map.of("username", username,
                    "email", "claimant" + i + "@registry.galaxy", "dimension", "Dimension-" + (i % 3))), null),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<Reply> done = replies.stream().map(CompletableFuture::join).map(RegistryApiContract::reply).toList();
        List<Reply> created = done.stream().filter(reply -> reply.status() == 201).toList();
        List<Reply> taken = done.stream().filter(reply -> reply.status() == 409).toList();
        assertThat(created).as(done.stream().map(Reply::raw).collect(Collectors.joining("\n"))).hasSize(1);
        assertThat(taken).hasSize(49);
        String winner = created.get(0).body().get("user_id").asText();
        for (Reply reply : taken) {
            assertThat(reply.body().get("detail").get("error").asText()).isEqualTo("username_taken");
            assertThat(reply.body().get("detail").get("existing").get("user_id").asText()).isEqualTo(winner);
        }
        assertThat(usernames(get("/api/users")).stream().filter(username::equals)).hasSize(1);
    }

    // ---- helpers ----

    private String register(String username, String dimension) {
        Reply created = post("/api/users", Map.of("username", username, "email", "hero@registry.galaxy", "dimension", dimension));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("user_id").asText();
    }

    private static void assertInvalid(Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
        assertThat(reply.body().get("detail").get("field").asText()).as(reply.raw()).isEqualTo(field);
        assertThat(reply.body().get("detail").get("message").asText()).contains(field.equals("body") ? "JSON" : field);
    }

    private static List<String> usernames(Reply list) {
        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        return StreamSupport.stream(list.body().spliterator(), false).map(user -> user.get("username").asText()).toList();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Reply get(String path) {
        return send("GET", path, null);
    }

    private Reply post(String path, Map<String, String> query) {
        return send("POST", path + "?" + form(query), null);
    }

    private Reply put(String path, Map<String, String> query) {
        return send("PUT", path + "?" + form(query), null);
    }

    private Reply send(String method, String path, String body) {
        try {
            return reply(http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private HttpRequest request(String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (body != null) builder.header("Content-Type", "application/json");
        return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static Reply reply(HttpResponse<String> response) {
        String raw = response.body();
        JsonNode body = null;
        if (raw != null && !raw.isEmpty()) {
            try {
                body = JSON.readTree(raw);
            } catch (IOException notJson) {
                throw new AssertionError("not JSON (" + response.statusCode() + "): " + raw, notJson);
            }
        }
        return new Reply(response.statusCode(), body, response.statusCode() + " " + raw);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
