package dev.optilock.spi;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one rule by which Optilock hides secrets in what it prints (URLs, options, messages, logs). A value is
 * sensitive when its name contains {@code password}, {@code pwd}, {@code secret}, {@code token} or
 * {@code credential} (case is ignored), or when a provider declares its {@link Option} sensitive; user information
 * in a URL ({@code //user:password@host}) is always hidden. Hidden text is printed as {@link #REDACTED}.
 */
public final class Redaction {
    /** What a hidden value is printed as. */
    public static final String REDACTED = "REDACTED";

    private static final String[] SENSITIVE_WORDS = {"password", "pwd", "secret", "token", "credential"};

    private Redaction() {
    }

    /** Whether a setting named {@code name} holds a secret by its name alone. */
    public static boolean isSensitiveName(String name) {
        if (name == null) return false;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String word : SENSITIVE_WORDS) {
            if (lower.contains(word)) return true;
        }
        return false;
    }

    /** The value to print for the setting {@code name}: {@link #REDACTED} when it is sensitive by name. */
    public static String value(String name, String value) {
        return value != null && isSensitiveName(name) ? REDACTED : value;
    }

    /** {@code url} with user information and every sensitive parameter value hidden; works on malformed URLs too. */
    public static String url(String url) {
        return url(url, Set.of());
    }

    /**
     * {@code url} with user information hidden, and the value of every parameter that is sensitive by name or is
     * one of {@code sensitiveOptions}. Parameters are recognised after {@code ?} or {@code ;} and end at {@code &}
     * or {@code ;}.
     */
    public static String url(String url, Collection<Option<?>> sensitiveOptions) {
        if (url == null) return null;
        Set<String> declared = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Option<?> option : sensitiveOptions) {
            if (option.isSensitive()) declared.add(option.name());
        }
        StringBuilder shown = new StringBuilder(url.length());
        int parameters = StoreUrl.firstOf(url, "?;", userInformationEnd(url));
        shown.append(hideUserInformation(parameters < 0 ? url : url.substring(0, parameters)));
        if (parameters < 0) return shown.toString();
        int start = parameters;
        while (start < url.length()) {
            char separator = url.charAt(start);
            int end = StoreUrl.firstOf(url, "&;", start + 1);
            String pair = url.substring(start + 1, end < 0 ? url.length() : end);
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            shown.append(separator);
            if (equals >= 0 && (isSensitiveName(name) || declared.contains(name))) {
                shown.append(name).append('=').append(REDACTED);
            } else {
                shown.append(pair);
            }
            if (end < 0) break;
            start = end;
        }
        return shown.toString();
    }

    /** Where the user information of an authority ends (the {@code @}), or 0: parameters are searched after it. */
    private static int userInformationEnd(String url) {
        int authority = url.indexOf("//");
        if (authority < 0) return 0;
        int at = url.indexOf('@', authority + 2);
        int slash = url.indexOf('/', authority + 2);
        return at >= 0 && (slash < 0 || at < slash) ? at : 0;
    }

    private static String hideUserInformation(String text) {
        int authority = text.indexOf("//");
        if (authority < 0) return text;
        int at = text.indexOf('@', authority + 2);
        int slash = text.indexOf('/', authority + 2);
        if (at < 0 || slash >= 0 && slash < at) return text;
        return text.substring(0, authority + 2) + REDACTED + text.substring(at);
    }
}
