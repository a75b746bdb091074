package dev.optilock.spi;

import dev.optilock.StoreOptions;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The settings of one store: the parameters of its URL merged with {@link StoreOptions#properties()}, which win,
 * read as a provider's {@link Option}s. Names match without regard to case. Every message names the option and
 * shows the URL without secrets.
 */
public final class StoreParameters {
    private final String where;
    private final Collection<Option<?>> declared;
    /** Name (any case) to the raw text; null for a URL parameter without a value. */
    private final Map<String, String> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, String> given = new LinkedHashMap<>();
    private final Set<String> fromProperties = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    private StoreParameters(String where, Collection<Option<?>> declared) {
        this.where = where;
        this.declared = List.copyOf(declared);
    }

    /**
     * The parameters of {@code url} and the properties of {@code options}, for a provider that reads
     * {@code declared}.
     */
    public static StoreParameters of(StoreUrl url, StoreOptions options, Collection<Option<?>> declared) {
        StoreParameters parameters = new StoreParameters(url.describe(declared), declared);
        for (StoreUrl.Parameter parameter : url.parameters()) parameters.put(parameter.name(), parameter.value(), false);
        options.properties().forEach((name, value) -> parameters.put(name, value, true));
        return parameters;
    }

    /** The properties of {@code options} alone, for a store on a caller's pool or session (there is no URL). */
    public static StoreParameters of(StoreOptions options, Collection<Option<?>> declared) {
        StoreParameters parameters = new StoreParameters("options", declared);
        options.properties().forEach((name, value) -> parameters.put(name, value, true));
        return parameters;
    }

    private void put(String name, String value, boolean property) {
        if (values.containsKey(name)) {
            String previous = given.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
            given.remove(previous);
        }
        values.put(name, value);
        given.put(name, value);
        if (property) fromProperties.add(name);
    }

    /** The start of every message about these parameters: {@code url '...'} or {@code options}. */
    public String where() {
        return where;
    }

    /**
     * The value of {@code option}, if given.
     *
     * @throws IllegalArgumentException if it is given without a value, or its text is not a valid value
     */
    public <T> Optional<T> get(Option<T> option) {
        if (!values.containsKey(option.name())) return Optional.empty();
        String text = values.get(option.name());
        if (text == null) throw new IllegalArgumentException(where + ": parameter '" + option.name() + "' is not NAME=VALUE");
        String value = fromProperties.contains(option.name()) ? text : StoreUrl.decode(text);
        return Optional.of(option.parse(where, value.trim()));
    }

    /** The value of {@code option}, or {@code fallback} when it is not given. */
    public <T> T get(Option<T> option, T fallback) {
        return get(option).orElse(fallback);
    }

    /**
     * Fails unless every parameter given is one of the declared options.
     *
     * @param hint appended to the message, e.g. where credentials go; may be empty
     * @throws IllegalArgumentException naming the first unknown parameter and listing the known ones
     */
    public void requireOnlyDeclared(String hint) {
        Set<String> known = StoreUrl.names(declared);
        for (String name : given.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown parameter '" + name + "'; known: "
                        + declared.stream().map(Option::name).collect(Collectors.joining(", "))
                        + (Redaction.isSensitiveName(name) || name.toLowerCase(java.util.Locale.ROOT).contains("user") ? hint : ""));
            }
        }
    }

    /** The {@link StoreOptions#properties()} that no declared option claims, in the order given: a driver's own. */
    public Map<String, String> undeclaredProperties() {
        Set<String> known = StoreUrl.names(declared);
        Map<String, String> rest = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (fromProperties.contains(name) && !known.contains(name)) rest.put(name, value);
        });
        return rest;
    }

    /** The parameters for messages: sensitive values hidden. */
    @Override
    public String toString() {
        Set<String> sensitive = declared.stream().filter(Option::isSensitive).map(Option::name)
                .collect(Collectors.toCollection(() -> new TreeSet<>(String.CASE_INSENSITIVE_ORDER)));
        Map<String, String> shown = new LinkedHashMap<>();
        given.forEach((name, value) -> shown.put(name, sensitive.contains(name) ? Redaction.REDACTED : Redaction.value(name, value)));
        return "StoreParameters" + shown;
    }
}
