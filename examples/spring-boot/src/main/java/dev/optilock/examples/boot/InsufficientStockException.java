package dev.optilock.examples.boot;

/** A transfer asked for more units than its source bin holds. */
public class InsufficientStockException extends RuntimeException {
    private final Bin bin;

    public InsufficientStockException(Bin bin, long requested) {
        super("bin " + bin.warehouse() + "/" + bin.bin() + " holds " + bin.quantity() + " units, " + requested + " requested");
        this.bin = bin;
    }

    public Bin bin() {
        return bin;
    }
}
