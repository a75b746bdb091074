package dev.optilock.sql;

import dev.optilock.sql.WriteStyle.Write;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The statements of one kind (updates, deletes) of one table, by the shape of the call ({@link Arguments#shape()}).
 * The shapes met most recently are compared with the call's shape in place, so that a table written in a few shapes
 * finds its statement without making a string of the shape or hashing it; the others are looked up by the shape's
 * text. At most {@value #MAX_SHAPES} shapes are kept; beyond that, statements are rendered per call.
 */
final class ShapeCache {
    private static final int MAX_SHAPES = 512;
    private static final int RECENT = 4;

    private final Map<String, Write> byShape = new ConcurrentHashMap<>();
    /** Immutable entries, replaced in turn; a racing reader sees an old entry or a new one, both valid. */
    private final Entry[] recent = new Entry[RECENT];
    private int next;

    /**
     * The statement kept for the shape {@code arguments} hold, or null when it has none yet: the caller then renders it
     * and {@link #keep}s it. (Two calls rather than one taking a renderer, so that the write path captures no lambda.)
     */
    Write find(Arguments arguments) {
        for (Entry entry : recent) {
            if (entry != null && arguments.hasShape(entry.shape)) return entry.write;
        }
        String shape = arguments.shape();
        Write write = byShape.get(shape);
        if (write != null) remember(new Entry(shape, write));
        return write;
    }

    /** Keeps {@code rendered} for the shape {@code arguments} hold; returns the statement to use (another thread's, if it raced). */
    Write keep(Arguments arguments, Write rendered) {
        String shape = arguments.shape();
        Write write = rendered;
        if (byShape.size() < MAX_SHAPES) {
            Write raced = byShape.putIfAbsent(shape, rendered);
            if (raced != null) write = raced;
        }
        remember(new Entry(shape, write));
        return write;
    }

    private synchronized void remember(Entry entry) {
        recent[next] = entry;
        next = (next + 1) % RECENT;
    }

    private record Entry(String shape, Write write) {
    }
}
