/**
 * Optilock's API, its service provider interface and the in-memory reference backend.
 *
 * <p>Exported: the API ({@code dev.optilock}), record mapping ({@code dev.optilock.mapping}) and the SPI
 * ({@code dev.optilock.spi} with its normative semantics in {@code dev.optilock.spi.semantics}). The store
 * implementation ({@code dev.optilock.internal}) and the reference backend's classes ({@code dev.optilock.memory})
 * are not exported; the reference backend is reached by its URL, {@code optilock:mem:NAME}.
 *
 * <p>Mapped records must be readable by this module: public records in a package the application's module
 * exports (or opens) to {@code dev.optilock}, or any record on the class path.
 */
module dev.optilock {
    exports dev.optilock;
    exports dev.optilock.mapping;
    exports dev.optilock.spi;
    exports dev.optilock.spi.semantics;

    uses dev.optilock.spi.VersionedStoreProvider;

    provides dev.optilock.spi.VersionedStoreProvider with dev.optilock.memory.MemoryStoreProvider;
}
