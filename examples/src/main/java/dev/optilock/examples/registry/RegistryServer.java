package dev.optilock.examples.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.optilock.EntityNotFoundException;
import dev.optilock.OptimisticLockException;
import dev.optilock.OptilockException;
import dev.optilock.WriteResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The registry's HTTP API on the JDK's {@link HttpServer}, JSON by Jackson: one handler per route below, sharing
 * the request parsing and the JSON answers (which is why the file is longer than most).
 *
 * <pre>
 * POST   /api/users?username=&amp;email=&amp;display_name=&amp;dimension=   (or a JSON body)   201 | 409 username_taken | 422
 * GET    /api/users[?dimension=]                                                          200 [users]
 * GET    /api/users/{username}                                                            200 | 404
 * GET    /api/profiles/{user_id}                                                          200 | 404 | 422
 * PUT    /api/profiles/{user_id}?bio=&amp;status=&amp;expected_version=N  (or a JSON body)  200 | 409 version_conflict | 404 | 422
 * DELETE /api/users/{username}                                                            204 | 404
 * </pre>
 *
 * Bad input is rejected before anything is written: 422 with {@code detail.field} naming the field (400 when the
 * body is not JSON).
 */
public final class RegistryServer implements AutoCloseable {
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}");
    static final Pattern DIMENSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");
    static final String DEFAULT_DIMENSION = "Prime";
    private static final int MAX_TEXT = 200;
    private static final int MAX_BIO = 2000;

    private final ObjectMapper json = new ObjectMapper();
    private final Registry registry;
    private final HttpServer server;
    private final ExecutorService executor;

    private RegistryServer(Registry registry, HttpServer server, ExecutorService executor) {
        this.registry = registry;
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving {@code registry} on {@code address} (port 0: a free port). */
    public static RegistryServer start(Registry registry, InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 256);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(32, runnable -> {
            Thread thread = new Thread(runnable, "registry-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        RegistryServer api = new RegistryServer(registry, server, executor);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- routing ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            try {
                response = route(exchange);
            } catch (BadInput bad) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("error", bad.status == 400 ? "bad_request" : "invalid_field");
                detail.put("field", bad.field);
                detail.put("message", bad.getMessage());
                response = new Response(bad.status, detail(detail));
            } catch (IllegalArgumentException rejected) {
                // the library checks input too, and writes nothing when it rejects it
                response = new Response(400, detail(Map.of("error", "bad_request", "message", String.valueOf(rejected.getMessage()))));
            } catch (OptilockException failure) {
                response = new Response(503, detail(Map.of("error", "backend_error", "message", String.valueOf(failure.getMessage()))));
            } catch (RuntimeException unexpected) {
                response = new Response(500, detail(Map.of("error", "internal_error", "message", String.valueOf(unexpected))));
            }
            send(exchange, response);
        }
    }

    private Response route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        List<String> segments = segments(path);
        if (segments.size() >= 2 && segments.get(0).equals("api") && segments.get(1).equals("users")) {
            if (segments.size() == 2) {
                if (method.equals("POST")) return register(exchange);
                if (method.equals("GET")) return list(exchange);
                return notAllowed("GET, POST");
            }
            if (segments.size() == 3) {
                String username = segments.get(2);
                if (method.equals("GET")) return getUser(username);
                if (method.equals("DELETE")) return delete(username);
                return notAllowed("GET, DELETE");
            }
        }
        if (segments.size() == 3 && segments.get(0).equals("api") && segments.get(1).equals("profiles")) {
            if (method.equals("GET")) return getProfile(segments.get(2));
            if (method.equals("PUT")) return updateProfile(exchange, segments.get(2));
            return notAllowed("GET, PUT");
        }
        if (segments.isEmpty() && method.equals("GET")) {
            Map<String, Object> index = new LinkedHashMap<>();
            index.put("service", "Optilock user registry");
            index.put("endpoints", List.of("POST /api/users", "GET /api/users[?dimension=]", "GET /api/users/{username}",
                    "DELETE /api/users/{username}", "GET /api/profiles/{user_id}",
                    "PUT /api/profiles/{user_id}?expected_version=N&bio=&status="));
            return new Response(200, index);
        }
        return new Response(404, detail(Map.of("error", "not_found", "path", path)));
    }

    // ---- endpoints ----

    private Response register(HttpExchange exchange) throws IOException {
        Map<String, String> input = input(exchange);
        String username = required(input, "username", USERNAME, "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        String email = required(input, "email", EMAIL, "an e-mail address such as ada@example.org");
        String displayName = optional(input, "display_name", MAX_TEXT).orElse(username);
        String dimension = optional(input, "dimension", MAX_TEXT).orElse(DEFAULT_DIMENSION);
        if (!DIMENSION.matcher(dimension).matches()) {
            throw new BadInput(422, "dimension", "dimension must be 1 to 64 letters, digits, spaces, '.', '_' or '-'");
        }
        WriteResult<UserRegistration> result = registry.register(username, email, displayName, dimension);
        if (result.applied()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("applied", true);
            body.put("username", username);
            body.put("user_id", result.entity().userId().toString());
            body.put("user", user(result.entity()));
            return new Response(201, body);
        }
        Map<String, Object> conflict = new LinkedHashMap<>();
        conflict.put("error", "username_taken");
        conflict.put("existing", result.existing().map(RegistryServer::user).orElse(null));
        return new Response(409, detail(conflict));
    }

    private Response list(HttpExchange exchange) {
        Map<String, String> query = query(exchange);
        Optional<String> dimension = Optional.ofNullable(query.get("dimension")).filter(value -> !value.isBlank());
        if (dimension.isPresent() && !DIMENSION.matcher(dimension.get()).matches()) {
            throw new BadInput(422, "dimension", "dimension must be 1 to 64 letters, digits, spaces, '.', '_' or '-'");
        }
        return new Response(200, registry.list(dimension).stream().map(RegistryServer::user).toList());
    }

    private Response getUser(String rawUsername) {
        String username = pathValue(rawUsername);
        return registry.user(username).map(user -> new Response(200, user(user)))
                .orElseGet(() -> new Response(404, detail(Map.of("error", "not_found", "username", username))));
    }

    private Response delete(String rawUsername) {
        String username = pathValue(rawUsername);
        if (registry.delete(username).isPresent()) return new Response(204, null);
        return new Response(404, detail(Map.of("error", "not_found", "username", username)));
    }

    private Response getProfile(String rawUserId) {
        UUID userId = userId(rawUserId);
        return registry.profile(userId).map(profile -> new Response(200, profile(profile)))
                .orElseGet(() -> new Response(404, detail(Map.of("error", "not_found", "user_id", userId.toString()))));
    }

    private Response updateProfile(HttpExchange exchange, String rawUserId) throws IOException {
        UUID userId = userId(rawUserId);
        Map<String, String> input = input(exchange);
        String versionText = input.get("expected_version");
        if (versionText == null || versionText.isBlank()) {
            throw new BadInput(422, "expected_version", "expected_version is required: the version of the profile you read");
        }
        long expectedVersion;
        try {
            expectedVersion = Long.parseLong(versionText.trim());
        } catch (NumberFormatException notANumber) {
            throw new BadInput(422, "expected_version", "expected_version must be a whole number, was '" + versionText + "'");
        }
        if (expectedVersion < 1) {
            throw new BadInput(422, "expected_version", "expected_version must be at least 1, was " + expectedVersion);
        }
        String bio = optional(input, "bio", MAX_BIO).orElse(null);
        String status = optional(input, "status", MAX_TEXT).orElse(null);
        if (bio == null && status == null) {
            throw new BadInput(422, "bio", "nothing to change: give bio, status or both");
        }
        try {
            UserProfile updated = registry.updateProfile(userId, expectedVersion, bio, status);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("applied", true);
            body.put("user_id", userId.toString());
            body.put("version", updated.version());
            body.put("profile", profile(updated));
            return new Response(200, body);
        } catch (OptimisticLockException conflict) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("error", "version_conflict");
            detail.put("expected_version", expectedVersion);
            Optional<UserProfile> current = conflict.currentEntity(UserProfile.class).or(() -> registry.profile(userId));
            detail.put("existing", current.map(RegistryServer::profile).orElse(null));
            return new Response(409, detail(detail));
        } catch (EntityNotFoundException missing) {
            return new Response(404, detail(Map.of("error", "not_found", "user_id", userId.toString())));
        }
    }

    // ---- JSON shapes ----

    static Map<String, Object> user(UserRegistration user) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", user.username());
        out.put("email", user.email());
        out.put("display_name", user.displayName());
        out.put("dimension", user.dimension());
        out.put("registered_at", text(user.registeredAt()));
        out.put("user_id", user.userId() == null ? null : user.userId().toString());
        out.put("version", user.version());
        return out;
    }

    static Map<String, Object> profile(UserProfile profile) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user_id", profile.userId().toString());
        out.put("username", profile.username());
        out.put("bio", profile.bio());
        out.put("status", profile.status());
        out.put("edits", profile.edits());
        out.put("updated_at", text(profile.updatedAt()));
        out.put("version", profile.version());
        return out;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Map<String, Object> detail(Map<String, ?> detail) {
        return Map.of("detail", detail);
    }

    private static Response notAllowed(String allowed) {
        Response response = new Response(405, detail(Map.of("error", "method_not_allowed", "allowed", allowed)));
        response.allow = allowed;
        return response;
    }

    // ---- input ----

    private static String required(Map<String, String> input, String field, Pattern pattern, String expected) {
        String value = input.get(field);
        if (value == null || value.isBlank()) throw new BadInput(422, field, field + " is required");
        if (!pattern.matcher(value).matches()) throw new BadInput(422, field, field + " must be " + expected + ", was '" + value + "'");
        return value;
    }

    private static Optional<String> optional(Map<String, String> input, String field, int maxLength) {
        String value = input.get(field);
        if (value == null) return Optional.empty();
        if (value.length() > maxLength) throw new BadInput(422, field, field + " must be at most " + maxLength + " characters");
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t')) throw new BadInput(422, field, field + " must not contain control characters");
        return Optional.of(value);
    }

    private static UUID userId(String raw) {
        String text = pathValue(raw);
        try {
            UUID id = UUID.fromString(text);
            if (!id.toString().equalsIgnoreCase(text)) throw new IllegalArgumentException("not canonical");
            return id;
        } catch (IllegalArgumentException notAUuid) {
            throw new BadInput(422, "user_id", "user_id must be a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301, was '" + text + "'");
        }
    }

    /** The query parameters, then the JSON body's fields (a body field wins). */
    private Map<String, String> input(HttpExchange exchange) throws IOException {
        Map<String, String> input = query(exchange);
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) return input;
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException notJson) {
            throw new BadInput(400, "body", "the body must be a JSON object: " + notJson.getOriginalMessage());
        }
        if (node == null || !node.isObject()) throw new BadInput(400, "body", "the body must be a JSON object");
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) continue;
            if (!value.isValueNode()) throw new BadInput(422, field.getKey(), field.getKey() + " must be a string or a number");
            input.put(field.getKey(), value.asText());
        }
        return input;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), "query");
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), name);
            out.put(name, value);
        }
        return out;
    }

    private static String pathValue(String raw) {
        return decode(raw, "path");
    }

    private static String decode(String raw, String field) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw new BadInput(400, field, "malformed percent-encoding in " + field);
        }
    }

    private static List<String> segments(String path) {
        return java.util.Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }

    // ---- output ----

    private void send(HttpExchange exchange, Response response) throws IOException {
        if (response.allow != null) exchange.getResponseHeaders().set("Allow", response.allow);
        if (response.body == null) {
            exchange.sendResponseHeaders(response.status, -1);
            return;
        }
        byte[] bytes = json.writeValueAsBytes(response.body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(response.status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final class Response {
        final int status;
        final Object body;
        String allow;

        Response(int status, Object body) {
            this.status = status;
            this.body = body;
        }
    }

    /** Bad input: nothing was written. */
    private static final class BadInput extends RuntimeException {
        final int status;
        final String field;

        BadInput(int status, String field, String message) {
            super(message);
            this.status = status;
            this.field = field;
        }
    }
}
