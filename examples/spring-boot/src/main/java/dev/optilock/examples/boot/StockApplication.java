package dev.optilock.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A stock service on Optilock's Spring Boot starter: bins of a warehouse hold quantities; deliveries add to one bin
 * through {@code modify}, transfers move units between two bins through an atomic group. Run it with
 * {@code bash examples/spring-boot/run} (embedded H2 on port 8080).
 */
@SpringBootApplication
public class StockApplication {
    public static void main(String[] args) {
        SpringApplication.run(StockApplication.class, args);
    }
}
