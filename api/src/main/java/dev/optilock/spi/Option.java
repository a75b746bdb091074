package dev.optilock.spi;

import java.util.Objects;
import java.util.function.Function;

/**
 * A setting a provider reads from its URL's parameters or from {@link dev.optilock.StoreOptions#properties()}: a
 * name, how its text becomes a value, and whether the value is sensitive. Names match without regard to case
 * ({@code poolSize}, {@code POOLSIZE} and {@code poolsize} are one option). A sensitive option's value is never
 * shown: {@link StoreUrl#toString()}, {@link Redaction} and every error message print it as {@code REDACTED}.
 *
 * @param <T> the type of the value
 */
public final class Option<T> {
    private final String name;
    private final String expected;
    private final Function<String, T> parser;
    private final boolean sensitive;

    private Option(String name, String expected, Function<String, T> parser, boolean sensitive) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("option name must not be blank");
        this.name = name;
        this.expected = Objects.requireNonNull(expected, "expected");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.sensitive = sensitive;
    }

    /**
     * An option whose text {@code parser} turns into a value. The parser may return null or throw
     * {@link IllegalArgumentException} (a {@link NumberFormatException}, say) for text it rejects; the option then
     * fails with a message that names the option, shows the text and says it must be {@code expected}.
     *
     * @param expected what a valid value is, for messages: {@code "a whole number of at least 1"}
     */
    public static <T> Option<T> of(String name, String expected, Function<String, T> parser) {
        return new Option<>(name, expected, parser, false);
    }

    /** An option whose value is its text as given. */
    public static Option<String> text(String name) {
        return new Option<>(name, "text", Function.identity(), false);
    }

    /** An option whose value is its text as given and is never shown (a password, a token). */
    public static Option<String> sensitiveText(String name) {
        return new Option<>(name, "text", Function.identity(), true);
    }

    /** The name as the provider documents it. */
    public String name() {
        return name;
    }

    public boolean isSensitive() {
        return sensitive;
    }

    /**
     * The value of {@code text}.
     *
     * @param where the start of the message if the text is rejected, e.g. {@code "url 'cql://h/ks'"}
     * @throws IllegalArgumentException naming the option and showing the text (unless the option is sensitive)
     */
    public T parse(String where, String text) {
        T value;
        try {
            value = parser.apply(text);
        } catch (IllegalArgumentException | ArithmeticException rejected) {
            value = null;
        }
        if (value == null) {
            throw new IllegalArgumentException(where + ": option " + name + " must be " + expected + ", was "
                    + (sensitive ? Redaction.REDACTED : "'" + text + "'"));
        }
        return value;
    }

    @Override
    public String toString() {
        return "Option[" + name + (sensitive ? ", sensitive" : "") + "]";
    }
}
