package dev.optilock.examples.boot;

import dev.optilock.EntityNotFoundException;
import dev.optilock.OptimisticLockException;
import dev.optilock.WriteResult;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /warehouses/{w}/bins/{b}} opens a bin ({@code {"quantity": n}}), {@code GET} reads it,
 * {@code POST .../deliveries} adds units, {@code POST /warehouses/{w}/transfers} ({@code {"from", "to", "quantity"}})
 * moves units between two bins. Conflicts that outlast the retries and refusals are 409, unknown bins 404.
 */
@RestController
public class StockController {
    private final Stock stock;

    public StockController(Stock stock) {
        this.stock = stock;
    }

    /** A quantity of units. */
    public record Quantity(long quantity) {
    }

    /** A transfer between two bins of a warehouse. */
    public record Transfer(String from, String to, long quantity) {
    }

    @PutMapping("/warehouses/{warehouse}/bins/{bin}")
    public ResponseEntity<Bin> open(@PathVariable String warehouse, @PathVariable String bin, @RequestBody Quantity body) {
        WriteResult<Bin> opened = stock.open(warehouse, bin, body.quantity());
        return opened.applied() ? ResponseEntity.status(HttpStatus.CREATED).body(opened.entity())
                : ResponseEntity.status(HttpStatus.CONFLICT).body(opened.existing().orElseThrow());
    }

    @GetMapping("/warehouses/{warehouse}/bins/{bin}")
    public ResponseEntity<Bin> find(@PathVariable String warehouse, @PathVariable String bin) {
        return ResponseEntity.of(stock.find(warehouse, bin));
    }

    @PostMapping("/warehouses/{warehouse}/bins/{bin}/deliveries")
    public Bin deliver(@PathVariable String warehouse, @PathVariable String bin, @RequestBody Quantity body) {
        return stock.deliver(warehouse, bin, body.quantity());
    }

    @PostMapping("/warehouses/{warehouse}/transfers")
    public List<Bin> transfer(@PathVariable String warehouse, @RequestBody Transfer body) {
        return stock.transfer(warehouse, body.from(), body.to(), body.quantity());
    }

    @ExceptionHandler(EntityNotFoundException.class)
    ResponseEntity<Map<String, String>> notFound(EntityNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler({OptimisticLockException.class, InsufficientStockException.class})
    ResponseEntity<Map<String, String>> conflict(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", e.getMessage()));
    }
}
