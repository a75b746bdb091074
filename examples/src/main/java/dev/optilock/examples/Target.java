package dev.optilock.examples;

import dev.optilock.StoreOptions;
import dev.optilock.VersionedStore;
import dev.optilock.VersionedStores;

/**
 * Where a command runs: a store URL with its options.
 *
 * @param id the backend id shown in the RESULT line: {@code postgres}, {@code h2}, {@code cassandra} or {@code memory}
 * @param url the store URL, for {@link VersionedStores#open(String, StoreOptions)}
 * @param options credentials and settings
 * @param description where the data lives, for people
 * @param fresh whether the URL names a namespace created for this run (an embedded database, a fresh schema or
 *        keyspace); when false, keys are tagged with a run id so that runs against an existing server never collide
 */
public record Target(String id, String url, StoreOptions options, String description, boolean fresh) {

    public VersionedStore open() {
        return VersionedStores.open(url, options);
    }

    /** The URL with any password parameter hidden. */
    public String shownUrl() {
        return hidePassword(url);
    }

    /** {@code url} with any password parameter or user-info password hidden. */
    public static String hidePassword(String url) {
        return url.replaceAll("(?i)(password|pwd)=[^&;]*", "$1=***").replaceAll("//([^/@:]*):[^/@]*@", "//$1:***@");
    }
}
