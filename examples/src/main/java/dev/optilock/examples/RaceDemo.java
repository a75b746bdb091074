package dev.optilock.examples;

import dev.optilock.Changes;
import dev.optilock.Condition;
import dev.optilock.OptimisticLockException;
import dev.optilock.OutcomeUnknownException;
import dev.optilock.RetryPolicy;
import dev.optilock.StoreCounters;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.WriteResult;
import dev.optilock.examples.registry.AppConfig;
import dev.optilock.examples.registry.DeployLock;
import dev.optilock.examples.registry.UserProfile;
import dev.optilock.examples.registry.UserRegistration;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * The race demo: a user registry under attack, with real threads against a real backend; one method per act, which
 * is why the file is long.
 *
 * <ol>
 *   <li>Register N heroes at once with {@code insertIfAbsent}.</li>
 *   <li>Clone attack: waves of threads re-register the same usernames at the same instant; every attempt must be
 *       rejected and must show the existing owner.</li>
 *   <li>Profiles start at version 1; a storm of concurrent read-compute-write edits through {@code modify} with
 *       {@link RetryPolicy#DEFAULT}. Each edit adds one to the profile's {@code edits} column, computed from the value
 *       it read: a lost update would leave {@code edits} below the number of edits that reported success. A control
 *       run does the same edits without the version check, to show what the check prevents.</li>
 *   <li>A deploy lock ({@code insertIfAbsent} to take it, {@code deleteIfExists} to release it) contended by several
 *       deployers, and an app-config compare-and-set with custom IF conditions ({@code value = 'off'}, then
 *       {@code version = N}).</li>
 * </ol>
 */
public final class RaceDemo {

    /**
     * What to run.
     *
     * @param count heroes (default 40)
     * @param threads worker threads (default 16)
     * @param clonesPerHero clone attempts per username (default 5)
     * @param editsPerProfile profile edits per hero (default 8)
     * @param deployers threads contending for the deploy lock
     * @param deploysEach deploys each of them must complete
     */
    public record Settings(int count, int threads, int clonesPerHero, int editsPerProfile, int deployers, int deploysEach) {
        public Settings {
            if (count < 1) throw new UsageException("--count must be at least 1, was " + count);
            if (threads < 2) throw new UsageException("--threads must be at least 2, was " + threads);
            if (clonesPerHero < 1 || editsPerProfile < 1 || deployers < 1 || deploysEach < 1) {
                throw new UsageException("clones, edits, deployers and deploys must be at least 1");
            }
        }

        public static Settings of(int count, int threads) {
            return new Settings(count, threads, 5, 8, Math.min(threads, 6), 3);
        }
    }

    private static final String[] CALLSIGNS = {
        "Agent-Cipher", "Nova-Sentinel", "Iron-Quill", "Echo-Warden", "Vector-Prime", "Quantum-Lynx", "Ember-Vale",
        "Onyx-Herald", "Solar-Ronin", "Glacier-Fox", "Neon-Marshal", "Aurora-Blade", "Titan-Moth", "Cobalt-Sage",
        "Zephyr-Knight", "Raven-Circuit", "Atlas-Spark", "Lumen-Scout", "Tempest-Owl", "Obsidian-Wren"
    };

    private RaceDemo() {
    }

    private record Hero(String username, String email, String displayName, String dimension) {
    }

    /** Runs the four acts on {@code store}, printing progress and the summary table to {@code out}. */
    public static RaceReport run(Target target, VersionedStore store, Settings settings, PrintStream out, boolean live) {
        RaceReport report = new RaceReport(target.id(), target.description());
        String tag = target.fresh() ? "" : String.format(Locale.ROOT, "-%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        Progress progress = new Progress(out, live);
        out.println("Optilock race on " + target.id() + ": " + target.description());
        out.println("  " + settings.count() + " heroes, " + settings.threads() + " threads"
                + (tag.isEmpty() ? "" : ", keys tagged " + tag.substring(1) + " (existing database)"));

        long started = System.nanoTime();
        store.createTable(UserRegistration.class);
        store.createTable(UserProfile.class);
        store.createTable(DeployLock.class);
        store.createTable(AppConfig.class);
        VersionedRepository<UserRegistration, String> users = store.repository(UserRegistration.class, String.class);
        VersionedRepository<UserProfile, UUID> profiles = store.repository(UserProfile.class, UUID.class);
        VersionedRepository<DeployLock, String> locks = store.repository(DeployLock.class, String.class);
        VersionedRepository<AppConfig, String> configs = store.repository(AppConfig.class, String.class);

        ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), new java.util.concurrent.ThreadFactory() {
            private final AtomicInteger next = new AtomicInteger();

            @Override
            public Thread newThread(Runnable runnable) {
                Thread thread = new Thread(runnable, "worker-" + next.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            }
        });
        try {
            List<Hero> heroes = heroes(settings.count(), tag);
            Map<String, UUID> owners = actRegister(heroes, users, pool, progress, report);
            actCloneAttack(heroes, owners, users, pool, settings, progress, report);
            actProfileStorm(heroes, owners, store, profiles, pool, settings, progress, report);
            actDeployLock(tag, locks, pool, settings, progress, report);
            actConfigCompareAndSet(tag, configs, pool, settings, progress, report);
        } finally {
            progress.abandon();
            pool.shutdownNow();
        }
        report.elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        printSummary(report, out);
        return report;
    }

    // ---- act 1 ----

    private static Map<String, UUID> actRegister(List<Hero> heroes, VersionedRepository<UserRegistration, String> users,
            ExecutorService pool, Progress progress, RaceReport report) {
        Map<String, UUID> owners = new ConcurrentHashMap<>();
        AtomicLong done = new AtomicLong();
        AtomicLong collisions = new AtomicLong();
        String label = "  act 1/4  registering heroes    ";
        progress.start(label, () -> Progress.bar(done.get(), heroes.size(), 24) + " " + done.get() + "/" + heroes.size());
        runConcurrently(pool, heroes.size(), i -> {
            Hero hero = heroes.get(i);
            UUID userId = UUID.randomUUID();
            WriteResult<UserRegistration> result = users.insertIfAbsent(new UserRegistration(hero.username(), hero.email(),
                    hero.displayName(), hero.dimension(), Instant.now(), userId, 0));
            if (result.applied()) {
                owners.put(hero.username(), userId);
            } else {
                collisions.incrementAndGet();
            }
            done.incrementAndGet();
        });
        report.registered = owners.size();
        long verified = heroes.stream().filter(hero -> users.find(hero.username())
                .map(row -> row.userId().equals(owners.get(hero.username())) && row.version() == 1).orElse(false)).count();
        progress.done(String.format(Locale.ROOT, "  act 1/4  registered %d of %d heroes with insertIfAbsent (all at once)",
                report.registered, heroes.size()));
        report.outcomes.put("registered", report.registered);
        report.check("every hero registered exactly once", report.registered == heroes.size() && verified == heroes.size(),
                report.registered + " registered, " + verified + " read back with their owner at version 1, " + collisions.get() + " collisions");
        report.table.add(new String[] {"1 register heroes", report.registered + "/" + heroes.size() + " registered, concurrently",
                "every username has exactly one owner"});
        return owners;
    }

    // ---- act 2 ----

    private static void actCloneAttack(List<Hero> heroes, Map<String, UUID> owners,
            VersionedRepository<UserRegistration, String> users, ExecutorService pool, Settings settings, Progress progress,
            RaceReport report) {
        int attempts = heroes.size() * settings.clonesPerHero();
        AtomicLong rejected = new AtomicLong();
        AtomicLong ownerShown = new AtomicLong();
        AtomicLong stolen = new AtomicLong();
        AtomicReference<String> sample = new AtomicReference<>();
        String label = "  act 2/4  Doppel-9 clone attack ";
        progress.start(label, () -> Progress.bar(rejected.get() + stolen.get(), attempts, 24) + " "
                + rejected.get() + " rejected, " + stolen.get() + " stolen");
        // Attempts on the same username sit next to each other, and each wave starts at one barrier: the clones of a
        // username really do hit it at the same instant.
        for (int first = 0; first < attempts; first += settings.threads()) {
            int from = first;
            int size = Math.min(settings.threads(), attempts - first);
            CyclicBarrier barrier = new CyclicBarrier(size);
            runConcurrently(pool, size, offset -> {
                int attempt = from + offset;
                Hero target = heroes.get(attempt / settings.clonesPerHero());
                await(barrier);
                WriteResult<UserRegistration> result = users.insertIfAbsent(new UserRegistration(target.username(),
                        "doppel9+" + attempt + "@clone.farm", "Doppel-9 clone #" + attempt, "Dimension-9", Instant.now(),
                        UUID.randomUUID(), 0));
                if (result.applied()) {
                    stolen.incrementAndGet();
                    return;
                }
                rejected.incrementAndGet();
                Optional<UserRegistration> existing = result.existing();
                if (existing.isPresent() && existing.get().userId().equals(owners.get(target.username()))) {
                    ownerShown.incrementAndGet();
                    sample.compareAndSet(null, "  Doppel-9 tried '" + target.username() + "': rejected, owned by "
                            + existing.get().email() + " (user " + existing.get().userId().toString().substring(0, 8) + ")");
                }
            });
        }
        report.clonesRejected = rejected.get();
        progress.done(String.format(Locale.ROOT, "  act 2/4  clone attack: %d of %d attempts rejected, each showing the owner",
                rejected.get(), attempts));
        if (sample.get() != null) progress.done(sample.get());
        report.outcomes.put("clones_rejected", rejected.get());
        report.check("every clone rejected and shown the owner", rejected.get() == attempts && ownerShown.get() == attempts
                && stolen.get() == 0, rejected.get() + "/" + attempts + " rejected, " + ownerShown.get() + " saw the owner, "
                + stolen.get() + " identities stolen");
        report.table.add(new String[] {"2 clone attack", rejected.get() + "/" + attempts + " rejected (" + settings.clonesPerHero()
                + " per username, same instant)", "no identity stolen, owner shown"});
    }

    // ---- act 3 ----

    private static void actProfileStorm(List<Hero> heroes, Map<String, UUID> owners, VersionedStore store,
            VersionedRepository<UserProfile, UUID> profiles, ExecutorService pool, Settings settings, Progress progress,
            RaceReport report) {
        int count = heroes.size();
        List<UUID> ids = new ArrayList<>();
        for (Hero hero : heroes) ids.add(owners.get(hero.username()));
        AtomicLong atVersionOne = new AtomicLong();
        runConcurrently(pool, count, i -> {
            if (ids.get(i) == null) return;
            UserProfile created = profiles.insert(new UserProfile(ids.get(i), heroes.get(i).username(), "", "active", 0, Instant.now(), 0));
            if (created.version() == 1) atVersionOne.incrementAndGet();
        });

        int perProfile = settings.editsPerProfile();
        int total = count * perProfile;
        int[] order = stormOrder(count, perProfile, settings.threads());
        AtomicInteger[] applied = new AtomicInteger[count];
        AtomicInteger[] unknown = new AtomicInteger[count];
        for (int i = 0; i < count; i++) {
            applied[i] = new AtomicInteger();
            unknown[i] = new AtomicInteger();
        }
        AtomicLong done = new AtomicLong();
        AtomicLong exhausted = new AtomicLong();
        StoreCounters before = store.counters();
        String label = "  act 3/4  profile edit storm    ";
        progress.start(label, () -> {
            StoreCounters now = store.counters();
            return Progress.bar(done.get(), total, 24) + " " + done.get() + "/" + total + " edits, "
                    + (now.conflicts() - before.conflicts()) + " conflicts, " + (now.retries() - before.retries()) + " retries";
        });
        runConcurrently(pool, total, task -> {
            int index = order[task];
            UUID id = ids.get(index);
            if (id == null) return;
            String worker = Thread.currentThread().getName();
            while (true) {
                try {
                    // read, compute from what was read, write with the version read; retried on conflict
                    profiles.modify(id, current -> {
                        think();
                        return Changes.of("edits", current.edits() + 1)
                                .set("bio", "edit " + (current.edits() + 1) + " by " + worker)
                                .set("updatedAt", Instant.now());
                    }, RetryPolicy.DEFAULT);
                    applied[index].incrementAndGet();
                    break;
                } catch (OptimisticLockException attemptsRanOut) {
                    exhausted.incrementAndGet(); // nothing was written: submit the edit again
                } catch (OutcomeUnknownException unknownOutcome) {
                    if (unknownOutcome.resolution() == OutcomeUnknownException.Resolution.NOT_APPLIED) continue;
                    unknown[index].incrementAndGet(); // may or may not have been applied: do not repeat it
                    break;
                }
            }
            done.incrementAndGet();
        });
        StoreCounters after = store.counters();
        report.conflicts = after.conflicts() - before.conflicts();
        report.retries = after.retries() - before.retries();

        long lost = 0;
        long phantom = 0;
        long badVersions = 0;
        long succeeded = 0;
        long unknownTotal = 0;
        for (int i = 0; i < count; i++) {
            if (ids.get(i) == null) continue;
            UserProfile profile = profiles.find(ids.get(i)).orElse(null);
            int edits = profile == null ? 0 : profile.edits();
            succeeded += applied[i].get();
            unknownTotal += unknown[i].get();
            lost += Math.max(0, applied[i].get() - edits);
            phantom += Math.max(0, edits - applied[i].get() - unknown[i].get());
            if (profile == null || profile.version() != 1L + edits) badVersions++;
        }
        report.profileUpdates = succeeded;
        report.lostUpdates = lost;
        progress.done(String.format(Locale.ROOT, "  act 3/4  %d profile edits through modify: %d conflicts, %d retries, %d lost updates",
                succeeded, report.conflicts, report.retries, lost));

        // Control: the same read-compute-write, but the write does not check the version (last writer wins).
        long[] control = controlRun(heroes.size(), profiles, pool, settings, progress);

        report.outcomes.put("profiles_at_version_1", atVersionOne.get());
        report.outcomes.put("profile_updates", succeeded);
        report.outcomes.put("lost_updates", lost);
        report.measurements.put("conflicts", report.conflicts);
        report.measurements.put("retries", report.retries);
        report.measurements.put("edits_resubmitted", exhausted.get());
        report.measurements.put("control_lost_updates", control[1]);
        report.check("profiles start at version 1", atVersionOne.get() == owners.size(), atVersionOne.get() + "/" + owners.size());
        report.check("no lost update", lost == 0 && phantom == 0 && badVersions == 0 && unknownTotal == 0
                        && succeeded == (long) owners.size() * perProfile,
                succeeded + " edits succeeded, " + lost + " lost, " + phantom + " applied twice, " + badVersions
                        + " profiles whose version is not 1 + edits, " + unknownTotal + " unknown outcomes");
        report.table.add(new String[] {"3 profile edit storm", succeeded + " edits via modify: " + report.conflicts + " conflicts, "
                + report.retries + " retries" + (exhausted.get() > 0 ? ", " + exhausted.get() + " resubmitted" : ""),
                lost + " lost updates (edits = successes, version = 1 + edits)"});
        report.table.add(new String[] {"  control, no version", control[0] + " blind writes (read, then write anyway)",
                control[1] + " lost: what the version check prevents"});
    }

    /** Tasks grouped so that about four threads edit the same profile at any moment. */
    private static int[] stormOrder(int count, int perProfile, int threads) {
        int width = Math.max(1, threads / 4);
        int[] order = new int[count * perProfile];
        int next = 0;
        for (int first = 0; first < count; first += width) {
            int last = Math.min(count, first + width);
            for (int round = 0; round < perProfile; round++) {
                for (int index = first; index < last; index++) order[next++] = index;
            }
        }
        return order;
    }

    /** Returns {writes issued, updates lost}. */
    private static long[] controlRun(int heroes, VersionedRepository<UserProfile, UUID> profiles, ExecutorService pool,
            Settings settings, Progress progress) {
        int rows = Math.max(1, Math.min(4, heroes));
        int perRow = settings.editsPerProfile() * 2;
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            UUID id = UUID.randomUUID();
            profiles.insert(new UserProfile(id, "control-" + i, "", "active", 0, Instant.now(), 0));
            ids.add(id);
        }
        int[] order = stormOrder(rows, perRow, settings.threads());
        AtomicLong done = new AtomicLong();
        AtomicLong unknown = new AtomicLong();
        progress.start("  act 3/4  control: blind writes   ", () -> done.get() + "/" + order.length);
        runConcurrently(pool, order.length, task -> {
            UUID id = ids.get(order[task]);
            UserProfile current = profiles.find(id).orElseThrow();
            think();
            try {
                profiles.update(id, Changes.of("edits", current.edits() + 1), Condition.always());
            } catch (OutcomeUnknownException unsettled) {
                // A write without a version cannot be sent again safely, so its outcome may stay unknown: not a lost update.
                unknown.incrementAndGet();
            }
            done.incrementAndGet();
        });
        long lost = -unknown.get();
        for (UUID id : ids) lost += perRow - profiles.find(id).orElseThrow().edits();
        lost = Math.max(0, lost);
        progress.done(String.format(Locale.ROOT, "  act 3/4  control without the version check: %d of %d blind writes lost",
                lost, order.length));
        return new long[] {order.length, lost};
    }

    // ---- act 4 ----

    private static void actDeployLock(String tag, VersionedRepository<DeployLock, String> locks, ExecutorService pool,
            Settings settings, Progress progress, RaceReport report) {
        String service = "checkout-api" + tag;
        int deployers = Math.min(settings.deployers(), settings.threads());
        long wanted = (long) deployers * settings.deploysEach();
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger maxHolders = new AtomicInteger();
        AtomicLong deploys = new AtomicLong();
        AtomicLong waits = new AtomicLong();
        AtomicLong badReleases = new AtomicLong();
        AtomicReference<String> sample = new AtomicReference<>();
        progress.start("  act 4/4  deploy lock           ", () -> Progress.bar(deploys.get(), wanted, 24) + " "
                + deploys.get() + "/" + wanted + " deploys, " + waits.get() + " waits");
        runConcurrently(pool, deployers, deployer -> {
            String me = "deployer-" + (deployer + 1);
            for (int round = 0; round < settings.deploysEach(); round++) {
                while (true) {
                    WriteResult<DeployLock> lock = locks.insertIfAbsent(new DeployLock(service, me, Instant.now(), 0));
                    if (lock.applied()) {
                        maxHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
                        sleepMillis(2); // deploying...
                        holders.decrementAndGet();
                        if (!locks.deleteIfExists(service)) badReleases.incrementAndGet();
                        deploys.incrementAndGet();
                        break;
                    }
                    waits.incrementAndGet();
                    lock.existing().ifPresent(holder -> sample.compareAndSet(null,
                            "  " + me + " found the lock held by " + holder.lockedBy() + ": waiting"));
                    sleepMillis(1 + ThreadLocalRandom.current().nextInt(4));
                }
            }
        });
        boolean secondReleaseFalse = !locks.deleteIfExists(service);
        progress.done(String.format(Locale.ROOT, "  act 4/4  deploy lock: %d deploys by %d deployers, %d waits, at most %d holder at a time",
                deploys.get(), deployers, waits.get(), maxHolders.get()));
        report.outcomes.put("deploys", deploys.get());
        report.outcomes.put("max_lock_holders", (long) maxHolders.get());
        report.measurements.put("lock_waits", waits.get());
        report.check("deploy lock: never two holders", maxHolders.get() == 1 && deploys.get() == wanted
                && badReleases.get() == 0 && secondReleaseFalse, "max holders " + maxHolders.get() + ", " + deploys.get()
                + "/" + wanted + " deploys, " + badReleases.get() + " releases found no lock, release of a released lock "
                + (secondReleaseFalse ? "reported 'already gone'" : "claimed to delete something"));
        report.table.add(new String[] {"4 deploy lock", deploys.get() + " deploys, " + waits.get() + " waits (insert if absent, delete if exists)",
                "never two holders at once"});
    }

    private static void actConfigCompareAndSet(String tag, VersionedRepository<AppConfig, String> configs, ExecutorService pool,
            Settings settings, Progress progress, RaceReport report) {
        String key = "feature.checkout-v2" + tag;
        configs.insert(new AppConfig(key, "off", "ops", 0));
        int contenders = settings.threads();

        // Round 1: IF value = 'off'. Everyone wants to switch the flag on; exactly one does.
        AtomicLong winners1 = new AtomicLong();
        AtomicReference<String> winner1 = new AtomicReference<>();
        AtomicLong losersSawOn = new AtomicLong();
        CyclicBarrier barrier1 = new CyclicBarrier(contenders);
        progress.start("  act 4/4  app-config CAS        ", () -> "round 1: IF value = 'off'");
        runConcurrently(pool, contenders, i -> {
            String me = "engineer-" + (i + 1);
            await(barrier1);
            WriteResult<AppConfig> result = configs.update(key, Changes.of("value", "on").set("updatedBy", me),
                    Condition.equalTo("value", "off"));
            if (result.applied()) {
                winners1.incrementAndGet();
                winner1.set(me);
            } else if (result.existing().map(existing -> existing.value().equals("on")).orElse(false)) {
                losersSawOn.incrementAndGet();
            }
        });

        // Round 2: IF version = N, the classic optimistic lock written as a custom condition.
        AppConfig read = configs.find(key).orElseThrow();
        long readVersion = read.version();
        AtomicLong winners2 = new AtomicLong();
        AtomicReference<String> winner2 = new AtomicReference<>();
        AtomicLong losersSawNext = new AtomicLong();
        CyclicBarrier barrier2 = new CyclicBarrier(contenders);
        runConcurrently(pool, contenders, i -> {
            String me = "engineer-" + (i + 1);
            await(barrier2);
            WriteResult<AppConfig> result = configs.update(key, Changes.of("value", "rollout-" + (5 * (i + 1)) + "%")
                    .set("updatedBy", me), Condition.equalTo("version", readVersion));
            if (result.applied()) {
                winners2.incrementAndGet();
                winner2.set(me);
            } else if (result.existing().map(existing -> existing.version() == readVersion + 1).orElse(false)) {
                losersSawNext.incrementAndGet();
            }
        });
        AppConfig last = configs.find(key).orElseThrow();
        progress.done(String.format(Locale.ROOT, "  act 4/4  app-config CAS: IF value = 'off' won by %d of %d, IF version = %d won by %d of %d; now %s = %s (v%d)",
                winners1.get(), contenders, readVersion, winners2.get(), contenders, key, last.value(), last.version()));
        report.outcomes.put("cas_value_winners", winners1.get());
        report.outcomes.put("cas_version_winners", winners2.get());
        boolean held = winners1.get() == 1 && losersSawOn.get() == contenders - 1 && readVersion == 2
                && winners2.get() == 1 && losersSawNext.get() == contenders - 1 && last.version() == 3
                && winner2.get() != null && winner2.get().equals(last.updatedBy());
        report.check("config CAS: exactly one winner per round", held, "IF value='off': " + winners1.get() + " winner ("
                + winner1.get() + "), " + losersSawOn.get() + " losers saw 'on'; IF version=" + readVersion + ": " + winners2.get()
                + " winner (" + winner2.get() + "), " + losersSawNext.get() + " losers saw version " + (readVersion + 1)
                + "; final version " + last.version());
        report.table.add(new String[] {"4 app-config CAS", contenders + " at once, twice: IF value = 'off', IF version = " + readVersion,
                "exactly one winner per round"});
    }

    // ---- output ----

    private static void printSummary(RaceReport report, PrintStream out) {
        out.println();
        int[] widths = {0, 0, 0};
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"act", "what happened", "invariant"});
        rows.addAll(report.table);
        for (String[] row : rows) {
            for (int c = 0; c < 3; c++) widths[c] = Math.max(widths[c], row[c].length());
        }
        String rule = "  " + "-".repeat(widths[0]) + "  " + "-".repeat(widths[1]) + "  " + "-".repeat(widths[2]);
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            out.println("  " + pad(row[0], widths[0]) + "  " + pad(row[1], widths[1]) + "  " + row[2]);
            if (r == 0) out.println(rule);
        }
        out.println();
        for (RaceReport.Invariant invariant : report.invariants) {
            out.println("  " + (invariant.held() ? "[ok]  " : "[FAIL]") + " " + invariant.name() + ": " + invariant.detail());
        }
        out.println();
        out.println("  " + (report.allHeld() ? "Every invariant held" : "SOME INVARIANT FAILED") + " on " + report.backend
                + " in " + report.elapsedMillis + " ms.");
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    // ---- helpers ----

    private static List<Hero> heroes(int count, String tag) {
        List<Hero> heroes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String callsign = CALLSIGNS[i % CALLSIGNS.length];
            String username = String.format(Locale.ROOT, "%s-%03d%s", callsign, i + 1, tag);
            String email = callsign.toLowerCase(Locale.ROOT).replace('-', '.') + (i + 1) + "@registry.galaxy";
            heroes.add(new Hero(username, email, callsign.replace('-', ' '), "Dimension-" + (i % 7 + 1)));
        }
        return heroes;
    }

    /**
     * Runs {@code body} for 0..tasks-1 on the pool, all released by one gate, and waits for all of them; the first
     * failure is rethrown after every task has finished.
     */
    static void runConcurrently(ExecutorService pool, int tasks, IntConsumer body) {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            int task = i;
            futures.add(pool.submit(() -> {
                gate.await();
                body.accept(task);
                return null;
            }));
        }
        gate.countDown();
        RuntimeException first = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException failed) {
                Throwable cause = failed.getCause();
                if (first == null) {
                    first = cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", interrupted);
            }
        }
        if (first != null) throw first;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        } catch (BrokenBarrierException | TimeoutException broken) {
            throw new IllegalStateException("a racer failed before the start", broken);
        }
    }

    /** The "compute" of read-compute-write: a millisecond in which another writer may get in. */
    private static void think() {
        sleepMillis(1);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }
}
