package dev.optilock.sql;

import java.sql.Connection;
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
 * {@link Arguments} value it binds. The text never contains a value, so the driver (and PostgreSQL's server-side
 * prepared statements) can reuse it for every call of the same shape.
 */
final class PreparedSql {
    /** The named parameters {@link TableStatements} creates: {@code :s0}, {@code :s1}, ... */
    private static final Pattern PARAMETER = Pattern.compile("(?<![\\w:]):s(\\d+)(?!\\w)");

    private final String sql;
    private final int[] slots;

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

    /** Prepares the statement, binds the call's values and has {@code watchdog} watch it (the caller runs it next). */
    PreparedStatement prepare(Connection connection, Arguments arguments, StatementWatchdog watchdog) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < slots.length; i++) {
                int slot = slots[i];
                JdbcValues.bind(statement, i + 1, arguments.value(slot), arguments.type(slot));
            }
            watchdog.watch(statement);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    String sql() {
        return sql;
    }

    @Override
    public String toString() {
        return sql;
    }
}
