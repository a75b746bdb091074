package dev.optilock.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.QueryPart;

/**
 * A statement text rendered once by jOOQ, with {@code ?} placeholders, and for each placeholder the index of the
 * call's value it binds ({@link CallValues}). The text never contains a value, so the driver (and PostgreSQL's server-side
 * prepared statements) can reuse it for every call of the same shape.
 */
final class PreparedSql {
    /** The named parameters {@link TableStatements} creates: {@code :s0}, {@code :s1}, ... */
    private static final Pattern PARAMETER = Pattern.compile("(?<![\\w:]):s(\\d+)(?!\\w)");

    private static final int UNASSIGNED = Integer.MIN_VALUE;

    private final String sql;
    private final int[] slots;
    /** The slot of this text in its backend's {@link StatementCache}; a text belongs to one backend. */
    private volatile int cacheSlot = UNASSIGNED;

    private PreparedSql(String sql, int[] slots) {
        this.sql = sql;
        this.slots = slots;
    }

    /** Renders {@code query}, whose bind parameters are all named {@code s<argument index>}. */
    static PreparedSql render(DSLContext dsl, QueryPart query) {
        String named = dsl.renderNamedParams(query);
        Matcher matcher = PARAMETER.matcher(named);
        StringBuilder sql = new StringBuilder(named.length());
        List<Integer> slots = new ArrayList<>();
        while (matcher.find()) {
            slots.add(Integer.parseInt(matcher.group(1)));
            matcher.appendReplacement(sql, "?");
        }
        matcher.appendTail(sql);
        return new PreparedSql(sql.toString(), slots.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Binds the call's values to {@code statement}, prepared from {@link #sql()}. */
    void bind(PreparedStatement statement, CallValues arguments) throws SQLException {
        for (int i = 0; i < slots.length; i++) {
            int slot = slots[i];
            JdbcValues.bind(statement, i + 1, arguments.value(slot), arguments.type(slot));
        }
    }

    /** This text's slot in {@code cache} (assigned on first use; -1: its statements are not kept). */
    int slot(StatementCache cache) {
        int slot = cacheSlot;
        if (slot == UNASSIGNED) {
            synchronized (this) {
                if (cacheSlot == UNASSIGNED) cacheSlot = cache.newSlot();
                slot = cacheSlot;
            }
        }
        return slot;
    }

    String sql() {
        return sql;
    }

    @Override
    public String toString() {
        return sql;
    }
}
