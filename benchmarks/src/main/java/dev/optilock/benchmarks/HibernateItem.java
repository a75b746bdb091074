package dev.optilock.benchmarks;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The Jakarta Persistence entity of the uncontended scenarios, as a JPA user writes one. */
@Entity
@Table(name = SqlDatabase.ITEM_TABLE)
public class HibernateItem {
    @Id
    private long id;

    private String payload;

    @Version
    private long version;

    protected HibernateItem() {
    }

    public long getId() {
        return id;
    }

    public String getPayload() {
        return payload;
    }

    public void setPayload(String payload) {
        this.payload = payload;
    }

    public long getVersion() {
        return version;
    }
}
