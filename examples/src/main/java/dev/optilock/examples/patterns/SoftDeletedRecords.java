package dev.optilock.examples.patterns;

import dev.optilock.Changes;
import dev.optilock.EntityNotFoundException;
import dev.optilock.VersionedRepository;
import dev.optilock.VersionedStore;
import dev.optilock.WriteResult;
import dev.optilock.mapping.Key;
import dev.optilock.mapping.SoftDelete;
import dev.optilock.mapping.Table;
import dev.optilock.mapping.Version;
import java.io.PrintStream;
import java.time.Instant;

/**
 * Soft-deleted records: {@code softDelete} sets the {@link SoftDelete} column (a versioned write); the row then is
 * invisible to reads and writes, but its key stays taken, and {@code includingDeleted()} still sees it, to audit or
 * to restore it.
 *
 * <pre>java -cp optilock-examples.jar dev.optilock.examples.patterns.SoftDeletedRecords [URL]</pre>
 */
public final class SoftDeletedRecords {

    /** A document that can be soft-deleted. */
    @Table("documents")
    public record Document(@Key String id, String title, @SoftDelete Instant deletedAt, @Version long version) {
    }

    /** What happened. */
    public record Outcome(boolean visibleAfterDelete, boolean seenIncludingDeleted, boolean keyStillTaken,
            boolean updateSawNotFound, boolean visibleAfterRestore, long finalVersion) {
    }

    private SoftDeletedRecords() {
    }

    public static Outcome run(VersionedStore store, PrintStream out) {
        store.createTable(Document.class);
        VersionedRepository<Document, String> documents = store.repository(Document.class, String.class);
        VersionedRepository<Document, String> all = documents.includingDeleted();
        String id = "doc-" + Long.toHexString(System.nanoTime());

        Document created = documents.insert(new Document(id, "Quarterly report", null, 0));
        Document deleted = documents.softDelete(id, created.version());
        out.printf("soft-deleted %s at %s (version %d)%n", id, deleted.deletedAt(), deleted.version());

        boolean visible = documents.find(id).isPresent();
        boolean seen = all.find(id).map(document -> document.deletedAt() != null).orElse(false);
        WriteResult<Document> again = documents.insertIfAbsent(new Document(id, "Impostor", null, 0));
        boolean keyTaken = !again.applied();
        boolean notFound;
        try {
            documents.updateWithVersion(id, deleted.version(), Changes.of("title", "edited after delete"));
            notFound = false;
        } catch (EntityNotFoundException expected) {
            notFound = true;
        }
        out.printf("find: %s; includingDeleted().find: %s; insert of the same id: %s; update: %s%n",
                visible ? "visible" : "gone", seen ? "there, deleted" : "missing",
                keyTaken ? "rejected, the key is taken" : "applied", notFound ? "not found" : "applied");

        Document restored = all.updateWithVersion(id, deleted.version(), Changes.of("deletedAt", null));
        boolean visibleAgain = documents.find(id).isPresent();
        out.printf("restored through includingDeleted(): visible again=%s, version %d%n", visibleAgain, restored.version());
        return new Outcome(visible, seen, keyTaken, notFound, visibleAgain, restored.version());
    }

    public static void main(String[] args) {
        try (VersionedStore store = PatternSupport.open(args, "softdelete")) {
            run(store, System.out);
        }
    }
}
