package dev.optilock.examples.registry;

import dev.optilock.Changes;
import dev.optilock.EntityNotFoundException;
import dev.optilock.OptimisticLockException;
import dev.optilock.OptimisticRetry;
import dev.optilock.RetryPolicy;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The user registry behind {@code serve}: identities claimed with {@code insertIfAbsent}, profiles updated with
 * {@code updateWithVersion}, users deleted with a versioned delete.
 *
 * <h2>Listing without a scan</h2>
 * Optilock reads rows by key only. The registry therefore keeps {@link RegistryIndex} rows: one per dimension with
 * its usernames, and one ({@value #DIRECTORY}) with the dimensions. Why a listing is complete and exact under any
 * concurrency:
 * <ol>
 *   <li>a username is added to its dimension's index (and the dimension to the directory) <em>before</em> the
 *       registration row is inserted, and entries are never removed, so every registration row that exists is
 *       listed by the index of its dimension;</li>
 *   <li>each index change is a versioned write retried on conflict, so concurrent additions never overwrite one
 *       another (the lost-update problem this library exists for);</li>
 *   <li>a listing reads every indexed username's row from the store and keeps only rows that exist and belong to
 *       that dimension, so deleted users, registrations that lost the race or never completed, and users who
 *       re-registered in another dimension are not listed.</li>
 * </ol>
 * The price: entries of deleted users stay in the index (they are filtered out on every read). A real service
 * would bucket the index and compact it; the demo keeps it simple.
 */
public final class Registry {
    /** The name of the index row that lists the dimensions. */
    public static final String DIRECTORY = "dimensions";
    private static final String DIMENSION_PREFIX = "dimension:";
    /** Index rows are hot spots when many users register at once: more attempts, short waits. */
    private static final RetryPolicy INDEX_POLICY = new RetryPolicy(200, Duration.ofMillis(1), 1.5, Duration.ofMillis(40), 0.9);
    /** A delete retries only while the row keeps changing under it. */
    private static final RetryPolicy DELETE_POLICY = RetryPolicy.DEFAULT;

    private final VersionedRepository<UserRegistration, String> users;
    private final VersionedRepository<UserProfile, UUID> profiles;
    private final VersionedRepository<RegistryIndex, String> index;

    public Registry(VersionedStore store) {
        store.createTable(UserRegistration.class);
        store.createTable(UserProfile.class);
        store.createTable(RegistryIndex.class);
        this.users = store.repository(UserRegistration.class, String.class);
        this.profiles = store.repository(UserProfile.class, UUID.class);
        this.index = store.repository(RegistryIndex.class, String.class);
    }

    /**
     * Claims {@code username}. Applied: the new registration (its profile is created at version 1). Not applied: the
     * registration that owns the username.
     */
    public WriteResult<UserRegistration> register(String username, String email, String displayName, String dimension) {
        addToIndex(DIRECTORY, dimension);
        addToIndex(DIMENSION_PREFIX + dimension, username);
        Instant now = Instant.now();
        UUID userId = UUID.randomUUID();
        WriteResult<UserRegistration> result = users.insertIfAbsent(
                new UserRegistration(username, email, displayName, dimension, now, userId, 0));
        if (result.applied()) {
            profiles.insert(new UserProfile(userId, username, "", "active", 0, now, 0));
        }
        return result;
    }

    public Optional<UserRegistration> user(String username) {
        return users.find(username);
    }

    public Optional<UserProfile> profile(UUID userId) {
        return profiles.find(userId);
    }

    /** The users of one dimension, or of all, sorted by username; see the class comment. */
    public List<UserRegistration> list(Optional<String> dimension) {
        List<String> dimensions = dimension.map(List::of).orElseGet(() -> entries(DIRECTORY));
        List<UserRegistration> listed = new ArrayList<>();
        for (String each : dimensions) {
            for (String username : entries(DIMENSION_PREFIX + each)) {
                users.find(username).filter(user -> user.dimension().equals(each)).ifPresent(listed::add);
            }
        }
        listed.sort(Comparator.comparing(UserRegistration::username));
        return listed;
    }

    /**
     * Applies the given profile changes if the profile is at {@code expectedVersion}.
     *
     * @throws OptimisticLockException if it is at another version (the exception carries the current profile)
     * @throws EntityNotFoundException if there is no such profile
     */
    public UserProfile updateProfile(UUID userId, long expectedVersion, String bio, String status) {
        Changes changes = Changes.of("updatedAt", Instant.now()).increment("edits", 1);
        if (bio != null) changes = changes.set("bio", bio);
        if (status != null) changes = changes.set("status", status);
        return profiles.updateWithVersion(userId, expectedVersion, changes);
    }

    /**
     * Deletes the registration and its profile, if the registration exists. The delete names the version it read,
     * so it never deletes the profile of someone who re-registered the username in between.
     *
     * @return the deleted registration, or empty if there was none
     */
    public Optional<UserRegistration> delete(String username) {
        return OptimisticRetry.withOptimisticRetry(() -> {
            Optional<UserRegistration> current = users.find(username);
            if (current.isEmpty()) return Optional.<UserRegistration>empty();
            try {
                users.deleteWithVersion(username, current.get().version());
            } catch (EntityNotFoundException gone) {
                return Optional.<UserRegistration>empty();
            }
            profiles.deleteIfExists(current.get().userId());
            return current;
        }, DELETE_POLICY);
    }

    /** The entries of an index row (empty when the row does not exist yet). */
    List<String> entries(String name) {
        return index.find(name).map(row -> split(row.entries())).orElse(List.of());
    }

    /** Adds {@code entry} to the index row {@code name}: a versioned write, retried on conflict. */
    void addToIndex(String name, String entry) {
        OptimisticRetry.withOptimisticRetry(() -> {
            RegistryIndex current = index.find(name).orElse(null);
            if (current == null) {
                WriteResult<RegistryIndex> created = index.insertIfAbsent(new RegistryIndex(name, entry, 0));
                if (created.applied()) return null;
                current = created.existing().orElseThrow(
                        () -> new IllegalStateException("index row " + name + " vanished: index rows are never deleted"));
            }
            TreeSet<String> set = new TreeSet<>(split(current.entries()));
            if (!set.add(entry)) return null; // already there: entries are never removed, so nothing to do
            index.updateWithVersion(name, current.version(), Changes.of("entries", String.join("\n", set)));
            return null;
        }, INDEX_POLICY);
    }

    private static List<String> split(String entries) {
        if (entries == null || entries.isEmpty()) return List.of();
        return Arrays.asList(entries.split("\n"));
    }
}
