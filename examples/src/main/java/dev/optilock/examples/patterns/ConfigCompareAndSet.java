package dev.optilock.examples.patterns;

import dev.optilock.Changes;
import dev.optilock.Condition;
import dev.optilock.OptimisticLockException;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.WriteResult;
import dev.optilock.mapping.Key;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * App config compare-and-set. Two spellings of the same idea:
 * <ul>
 *   <li>on the value: {@code update(key, value := new, IF value = expected)}; a loser gets the current row back;</li>
 *   <li>on the version: {@code updateWithVersion(key, versionRead, ...)}; a loser gets an
 *       {@link OptimisticLockException} with the actual version and the current row.</li>
 * </ul>
 *
 * <pre>java -cp optilock-examples.jar dev.optilock.examples.patterns.ConfigCompareAndSet [URL]</pre>
 */
public final class ConfigCompareAndSet {

    /** One configuration entry. */
    @Table("settings")
    public record Setting(@Key String name, String value, @Version long version) {
    }

    /** What happened. */
    public record Outcome(int contenders, long winners, long losersShownWinner, String finalValue,
            boolean staleWriteRejected, Optional<Object> actualVersionReported) {
    }

    private ConfigCompareAndSet() {
    }

    /** Sets {@code name} to {@code next} if its value is {@code expected}. */
    public static WriteResult<Setting> compareAndSet(VersionedRepository<Setting, String> settings, String name,
            String expected, String next) {
        return settings.update(name, Changes.of("value", next), Condition.equalTo("value", expected));
    }

    public static Outcome run(VersionedStore store, PrintStream out) {
        store.createTable(Setting.class);
        VersionedRepository<Setting, String> settings = store.repository(Setting.class, String.class);
        String name = "checkout.mode." + Long.toHexString(System.nanoTime());
        settings.insert(new Setting(name, "legacy", 0));

        int contenders = 8;
        List<WriteResult<Setting>> results = PatternSupport.race(contenders,
                i -> compareAndSet(settings, name, "legacy", "v2-by-operator-" + i));
        long winners = results.stream().filter(r -> r.applied()).count();
        String winningValue = results.stream().filter(r -> r.applied()).map(r -> r.entity().value()).findFirst().orElse(null);
        long losersShownWinner = results.stream().filter(r -> !r.applied())
                .filter(r -> r.existing().map(Setting::value).equals(Optional.ofNullable(winningValue))).count();
        out.printf("%d operators switched %s from 'legacy' at once: %d won (%s); %d were shown the winner's value%n",
                contenders, name, winners, winningValue, losersShownWinner);

        // Versioned CAS with a stale read: rejected, with the actual version.
        Setting read = settings.find(name).orElseThrow();
        settings.updateWithVersion(name, read.version(), Changes.of("value", "v2"));
        boolean staleRejected = false;
        Optional<Object> actual = Optional.empty();
        try {
            settings.updateWithVersion(name, read.version(), Changes.of("value", "v3"));
        } catch (OptimisticLockException stale) {
            staleRejected = true;
            actual = stale.actualVersion();
            out.printf("a write from version %s was rejected: the setting is at version %s (%s)%n", stale.expectedVersion(),
                    actual.orElse("?"), stale.currentEntity(Setting.class).map(Setting::value).orElse("?"));
        }
        Setting last = settings.find(name).orElseThrow();
        return new Outcome(contenders, winners, losersShownWinner, last.value(), staleRejected, actual);
    }

    public static void main(String[] args) {
        try (VersionedStore store = PatternSupport.open(args, "config")) {
            run(store, System.out);
        }
    }
}
