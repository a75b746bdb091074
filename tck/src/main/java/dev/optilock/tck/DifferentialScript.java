package dev.optilock.tck;

import dev.optilock.Changes;
import dev.optilock.Condition;
import dev.optilock.EntityExistsException;
import dev.optilock.EntityNotFoundException;
import dev.optilock.GroupWrite;
import dev.optilock.OptimisticLockException;
import dev.optilock.OptilockException;
import dev.optilock.PrimaryKey;
import dev.optilock.RetryPolicy;
import dev.optilock.Row;
import dev.optilock.VersionedRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * A seeded random script of single-threaded operations on a LONG-versioned counter table, and the
 * transcript it produces: one {@link Step} per operation with its outcome class and what it returned.
 * Running the same seed on two backends must give equal transcripts.
 */
public final class DifferentialScript {
    private static final String[] KEYS = {"k0", "k1", "k2", "k3"};

    private DifferentialScript() {
    }

    /** One operation of a transcript: what was asked, the outcome class, and what came back. */
    public record Step(int index, String operation, String outcome, Object detail) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Step that && index == that.index && operation.equals(that.operation)
                    && outcome.equals(that.outcome) && Objects.equals(detail, that.detail);
        }

        @Override
        public int hashCode() {
            return Objects.hash(index, operation, outcome);
        }
    }

    /** Runs {@code steps} operations drawn from {@code seed} on {@code rows} and returns the transcript. */
    public static List<Step> run(VersionedRepository<Row, PrimaryKey> rows, long seed, int steps) {
        Random random = new Random(seed);
        List<Step> transcript = new ArrayList<>();
        for (int index = 0; index < steps; index++) {
            String id = KEYS[random.nextInt(KEYS.length)];
            PrimaryKey key = PrimaryKey.of(id);
            int choice = random.nextInt(12);
            long number = random.nextInt(20);
            long expected = 1 + random.nextInt(6);
            String note = random.nextBoolean() ? null : "n" + random.nextInt(3);
            String operation;
            Object result;
            switch (choice) {
                case 0 -> {
                    operation = "find " + id;
                    result = capture(() -> rows.find(key));
                }
                case 1 -> {
                    operation = "insertIfAbsent " + id + " " + number;
                    result = capture(() -> rows.insertIfAbsent(Row.builder().set("id", id).set("value", number).set("note", note).build()));
                }
                case 2 -> {
                    operation = "insert " + id + " " + number;
                    result = capture(() -> rows.insert(Row.builder().set("id", id).set("value", number).build()));
                }
                case 3, 4 -> {
                    operation = "updateWithVersion " + id + "@" + expected + " value=" + number + " note=" + note;
                    result = capture(() -> rows.updateWithVersion(key, expected, Changes.of("value", number).set("note", note)));
                }
                case 5 -> {
                    Condition condition = switch (random.nextInt(4)) {
                        case 0 -> Condition.lessThan("value", number);
                        case 1 -> Condition.isNull("note");
                        case 2 -> Condition.notEqualTo("note", "n1");
                        default -> Condition.in("value", number, number + 1).and(Condition.isNotNull("note"));
                    };
                    operation = "update " + id + " if " + condition + " value=" + number;
                    result = capture(() -> rows.update(key, Changes.of("value", number), condition));
                }
                case 6 -> {
                    operation = "updateIfExists " + id + " +" + number;
                    result = capture(() -> rows.updateIfExists(key, Changes.none().increment("value", number)));
                }
                case 7 -> {
                    operation = "deleteIfExists " + id;
                    result = capture(() -> rows.deleteIfExists(key));
                }
                case 8 -> {
                    operation = "deleteWithVersion " + id + "@" + expected;
                    result = capture(() -> {
                        rows.deleteWithVersion(key, expected);
                        return "deleted";
                    });
                }
                case 9 -> {
                    operation = "modify " + id + " double";
                    result = capture(() -> rows.modify(key, row -> Changes.of("value", 2 * Optional.ofNullable(row.getLong("value")).orElse(0L)),
                            RetryPolicy.NONE));
                }
                case 10 -> {
                    // A group of one row (the table's key is its partition): each kind of group write, decided by the group.
                    GroupWrite<Row, PrimaryKey> write = switch (random.nextInt(5)) {
                        case 0 -> GroupWrite.insert(Row.builder().set("id", id).set("value", number).set("note", note).build());
                        case 1 -> GroupWrite.updateWithVersion(key, expected, Changes.none().increment("value", number));
                        case 2 -> GroupWrite.update(key, Changes.of("note", note), Condition.greaterThanOrEqualTo("value", number));
                        case 3 -> GroupWrite.deleteWithVersion(key, expected);
                        default -> GroupWrite.delete(key, Condition.lessThan("value", number));
                    };
                    operation = "applyAtomically " + write;
                    result = capture(() -> rows.applyAtomically(List.of(write)));
                }
                default -> {
                    operation = "updateWithVersion " + id + "@" + expected + " +" + number;
                    result = capture(() -> rows.updateWithVersion(key, expected, Changes.none().increment("value", number)));
                }
            }
            transcript.add(result instanceof Failure failure
                    ? new Step(index, operation, failure.type(), failure.detail())
                    : new Step(index, operation, "returned", result));
        }
        return transcript;
    }

    private record Failure(String type, Object detail) {
    }

    private static Object capture(java.util.function.Supplier<Object> action) {
        try {
            return action.get();
        } catch (OptimisticLockException conflict) {
            return new Failure("OptimisticLockException", conflict.actualVersion().orElse(null));
        } catch (EntityNotFoundException | EntityExistsException expected) {
            return new Failure(expected.getClass().getSimpleName(), null);
        } catch (OptilockException other) {
            return new Failure(other.getClass().getSimpleName(), other.getMessage());
        }
    }
}
