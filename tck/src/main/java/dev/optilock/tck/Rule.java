package dev.optilock.tck;

import java.util.Arrays;

/**
 * Every rule of the TCK: a stable id, whether every backend must pass it, and one sentence that states it.
 * Each rule is checked by one test method named {@code required_<id>_...} or {@code optional_<id>_...}
 * (dots in the id become underscores). {@code tck/RULES.md} lists the same rules.
 */
public enum Rule {
    FIND("1.1", true, "find returns the inserted row with every column, and nothing for an absent key"),
    INSERT_IF_ABSENT("1.2", true, "insertIfAbsent applies once per key; when not applied, existing() is the row already there"),
    INSERT("1.3", true, "insert throws EntityExistsException with entity name, key and existing row when the key is taken"),
    UPDATE_WITH_VERSION("1.4", true, "updateWithVersion at the current version applies the changes and returns the row with the next version"),
    CONFLICT("1.5", true, "updateWithVersion at a stale version throws OptimisticLockException with entity, key, expected and actual version, and writes nothing"),
    NOT_FOUND("1.6", true, "updateWithVersion and deleteWithVersion on an absent key throw EntityNotFoundException, never a conflict"),
    LONG_VERSIONS("1.7", true, "LONG versions start at 1 and grow by exactly one per applied write"),
    UUID_VERSIONS("1.8", true, "UUID versions are fresh per applied write and never repeat"),
    TIMESTAMP_VERSIONS("1.9", true, "TIMESTAMP versions strictly increase per row, with millisecond precision, even when the clock stands still"),
    CONDITIONS("1.10", true, "every condition operator (=, !=, <, <=, >, >=, IN, IS NULL, IS NOT NULL, AND) has the reference semantics on every column type, including on null values"),
    UPDATE_IF_EXISTS("1.11", true, "updateIfExists applies to an existing row and reports not applied with no existing row for an absent key"),
    DELETE("1.12", true, "deleteIfExists returns true once and false afterwards; deleteWithVersion deletes only at the expected version"),
    COMPOSITE_KEYS("1.13", true, "rows with composite keys (partition and clustering columns) are addressed by the whole key and do not interfere"),
    SOFT_DELETE("1.14", true, "soft-deleted rows are invisible and not updatable unless the repository includes deleted rows"),
    TYPED_RECORDS("1.15", true, "mapped records round-trip through every operation with their Java types"),
    ROUND_TRIP("1.16", true, "every column type round-trips its edge values exactly (decimals by numeric value; NaN and infinities; 10,000 characters, 100,000 bytes)"),
    BAD_INPUT("1.17", true, "bad input is rejected with IllegalArgumentException naming the argument, and nothing is written"),
    INCREMENT("1.18", true, "increment adds atomically, treats null as zero, advances the version, and fails without writing when it overflows"),
    UPDATE_ALL("1.19", true, "updateAll reports one outcome per item, in order, none lost"),
    ASYNC("1.20", true, "the async repository returns what the sync one returns and fails its stages with the same exceptions"),
    MODIFY("1.21", true, "modify reads, applies the computed changes with the read version, and fails with EntityNotFoundException on an absent key"),
    NO_ABA("1.22", true, "a versioned update, a versioned delete or a modify holding a version from before a delete and re-insert never applies to the re-inserted row, for every version kind"),
    GROUPS("1.23", true, "a group of writes to rows of one partition applies all of them or none: applied, each new state is returned and stored; refused, nothing is written and each write reports HELD or its failed condition with the row's current state; rows of two partitions, a row twice or no write are rejected before anything is sent; sync and async alike, for every version kind"),
    KEY_IDENTITY("1.24", true, "a key is exactly the key given: keys that differ only in case, a trailing or leading space, Unicode composition, a trailing zero byte, a prefix, or where a composite key splits, are distinct rows through insert, find, update and delete"),
    VALUE_PATHS("1.25", true, "every column type's edge values (NaN and infinities, integer extremes and 2^53 + 1, long text and bytes, empty text and bytes, extreme timestamps and decimals) read back exactly through every write path: insert, updateWithVersion, conditional update, group insert, group update, async insert and async update"),
    PING("1.26", true, "ping answers on a store whose database is up, in a non-negative time, and reads and writes work after it"),
    ENTITY_UPDATE("1.27", true, "updateWithVersion of an entity as read applies the changes at the entity's version and returns the row as stored, for every version kind; a stale entity gets OptimisticLockException and writes nothing; an increment follows the stored value"),
    DELETED_ROW("1.28", true, "a deleted row is absent to every versioned write at every version, those it held and those no live row holds (0 and negative LONG versions, Long.MIN_VALUE among them): updateWithVersion and deleteWithVersion throw EntityNotFoundException and write nothing, and a re-insert holds its own values at a version none of them named (LONG: the deleted row's + 1), for every version kind"),
    NO_LOST_UPDATE("2.1", true, "8 threads x 50 modify increments of one counter end at 400, with 400 applied writes forming one unbroken version chain (where the environment loses responses, losesResponses(), an increment the store could not settle counts as one that may have applied)"),
    SINGLE_WINNER("2.2", true, "of 16 threads updating from the same version exactly one succeeds; every other gets a conflict whose actual version is not the expected one"),
    INSERT_RACE("2.3", true, "of 16 threads inserting one key exactly one applies; every other sees the winner's row as existing()"),
    DELETE_RACE("2.4", true, "of 16 threads deleting one row exactly one deleteIfExists returns true"),
    LINEARIZABLE("2.5", true, "a recorded concurrent mixed workload on hot keys is linearizable against the register model"),
    GROUP_RACE("2.6", true, "of 8 threads racing groups that pin the same versions of overlapping rows, exactly one applies per round; every loser reports conflicts on rows the winner moved, a reader racing them never sees part of a group, and no unit is created or lost (stochastic: a non-atomic backend can pass it by luck; its deterministic twin is 1.23)"),
    INCREMENT_RACE("2.7", true, "(stochastic: a non-atomic backend can pass it by luck; -Doptilock.tck.iterations=N repeats it) increments through updateIfExists and a conditional update, which name no version, lose nothing under 8 threads and a conditional cap admits exactly its limit (an increment reported as an unknown outcome counts as one that may have applied)"),
    TWO_STORES("2.8", true, "two stores on one database race as one: 8 threads split over two stores lose none of 200 modify increments, and exactly one of their inserts of one key applies (where the environment loses responses, an increment the store could not settle counts as one that may have applied)"),
    REFUSAL_REPORTS("2.9", true, "(stochastic: a backend that reads the row it reports outside the refused write can pass it by luck; -Doptilock.tck.iterations=N repeats it; no deterministic twin is possible through the SPI) a conditional write refused while other writers flip the row's value reports a row that fails its condition (a race in which no write was refused fails the rule)"),
    DIFFERENTIAL("3.1", true, "seeded random operation scripts produce the same transcript on the backend and on the reference backend"),
    COUNTERS("4.1", true, "the counters snapshot agrees with the outcomes the operations returned"),
    CURRENT_ROW_ON_CONFLICT("5.1", false, "a backend declaring CURRENT_ROW_ON_CONFLICT reports the current row on every conflict"),
    LOST_RESPONSES("5.2", false, "with injected lost responses, no write is reported as success or conflict unless it was one, and the history stays linearizable"),
    SETTLED_OUTCOMES("5.3", false, "with injected lost responses, a store declaring WRITE_IDENTITY settles every insert, re-insert, versioned update, delete and atomic group: each takes effect exactly once and returns normally");

    private final String id;
    private final boolean required;
    private final String statement;

    Rule(String id, boolean required, String statement) {
        this.id = id;
        this.required = required;
        this.statement = statement;
    }

    public String id() {
        return id;
    }

    public boolean required() {
        return required;
    }

    public String statement() {
        return statement;
    }

    /** The rule with this id. */
    public static Rule byId(String id) {
        return Arrays.stream(values()).filter(rule -> rule.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no TCK rule " + id));
    }

    /** The rule a test method checks, from its name ({@code required_2_1_...} is rule 2.1), or null. */
    public static Rule ofMethod(String methodName) {
        String[] parts = methodName.split("_");
        if (parts.length < 3 || !(parts[0].equals("required") || parts[0].equals("optional"))) return null;
        try {
            return byId(parts[1] + "." + parts[2]);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
