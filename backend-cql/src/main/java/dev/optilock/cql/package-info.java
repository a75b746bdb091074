/**
 * The Optilock backend for Apache Cassandra and ScyllaDB: every write is a Lightweight Transaction, every
 * read is at SERIAL consistency. Open it with {@code VersionedStores.open("cql://host/keyspace")} or, on a
 * session you own, with {@link dev.optilock.cql.CqlStores#fromSession}. See the module's README for the URL
 * grammar, the options and the CQL it sends.
 */
package dev.optilock.cql;
