package dev.optilock.testservers;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A loopback TCP proxy in front of a PostgreSQL server that loses the responses to some writes, as a network that
 * fails after a request arrived does: the write is executed (and, outside a transaction, committed) by the server,
 * but its response never reaches the client, whose connection is then reset. The client's driver sees a broken
 * connection in the middle of a write, which its error mapping must turn into an unknown outcome.
 *
 * <p>The proxy reads just enough of the frontend/backend protocol (version 3) to know which requests are writes: a
 * simple query or an extended-protocol execution (up to its {@code Sync}) of a statement that starts with
 * {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE}, {@code COMMIT}, or {@code WITH} and names one of the
 * first three. Each such request loses its response with the given probability (seeded); other requests (reads,
 * connection set-up, {@code BEGIN}) pass. A lost response is swallowed up to the server's {@code ReadyForQuery} (so the
 * server has finished the request), then both sockets are closed. A write inside a transaction whose response is lost
 * is rolled back by the server when the connection closes; a lost {@code COMMIT} response leaves it committed. SSL and
 * GSS encryption requests are refused by the proxy itself (the client goes on in plain text).
 *
 * <p>Threads are daemons; {@link #close()} stops the proxy and resets every connection through it.
 */
public final class LossyPostgresProxy implements AutoCloseable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;
    private static final Pattern WRITE = Pattern.compile(
            "(?is)\\s*(insert|update|delete|merge|commit|end)\\b.*|\\s*with\\b.*\\b(insert|update|delete)\\b.*");

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final double lossRate;
    private final Random random;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private volatile boolean closed;

    private LossyPostgresProxy(InetSocketAddress target, double lossRate, long seed) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.lossRate = lossRate;
        this.random = new Random(seed);
        Thread acceptor = new Thread(this::accept, "lossy-postgres-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a proxy in front of the server of {@code jdbcUrl} ({@code jdbc:postgresql://host:port/...}).
     *
     * @param lossRate the probability, from 0 to 1, that a write's response is lost
     * @param seed     the seed of the random choices
     */
    public static LossyPostgresProxy inFrontOf(String jdbcUrl, double lossRate, long seed) {
        if (!(lossRate >= 0 && lossRate <= 1)) throw new IllegalArgumentException("lossRate must be within 0..1: " + lossRate);
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql://");
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        try {
            return new LossyPostgresProxy(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort()), lossRate, seed);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the proxy's listening socket", e);
        }
    }

    /** {@code jdbcUrl} with its host and port replaced by the proxy's. */
    public String proxied(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String authority = uri.getRawAuthority();
        int at = jdbcUrl.indexOf(authority);
        return jdbcUrl.substring(0, at) + "127.0.0.1:" + listener.getLocalPort() + jdbcUrl.substring(at + authority.length());
    }

    /** The write requests seen so far. */
    public long writes() {
        return writes.get();
    }

    /** The responses lost so far. */
    public long lostResponses() {
        return lost.get();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        for (Socket socket : List.copyOf(sockets)) closeQuietly(socket);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(target, 10_000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                new Connection(client, server).start();
            } catch (IOException e) {
                if (!closed) LoggingHolder.LOG.warn("proxy connection failed: {}", e.toString());
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing
        }
    }

    private boolean loseNext() {
        writes.incrementAndGet();
        synchronized (random) {
            return random.nextDouble() < lossRate;
        }
    }

    /** One proxied connection: a thread per direction, and the queue of requests awaiting their ReadyForQuery. */
    private final class Connection {
        private final Socket client;
        private final Socket server;
        /** Per request up to a Sync or simple query, in order: whether its response is to be lost. */
        private final Queue<Boolean> pending = new ArrayDeque<>();

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
            sockets.add(client);
            sockets.add(server);
        }

        void start() {
            thread(this::fromClient, "client").start();
            thread(this::fromServer, "server").start();
        }

        private Thread thread(Runnable body, String side) {
            Thread thread = new Thread(() -> {
                try {
                    body.run();
                } finally {
                    reset();
                }
            }, "lossy-postgres-proxy-" + side + "-" + client.getPort());
            thread.setDaemon(true);
            return thread;
        }

        private void reset() {
            closeQuietly(client);
            closeQuietly(server);
            sockets.remove(client);
            sockets.remove(server);
        }

        private void fromClient() {
            try {
                DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
                OutputStream out = new BufferedOutputStream(server.getOutputStream(), 1 << 16);
                byte[] startup = untyped(in);
                while (code(startup) == SSL_REQUEST || code(startup) == GSS_REQUEST) {
                    client.getOutputStream().write('N');
                    client.getOutputStream().flush();
                    startup = untyped(in);
                }
                enqueue(false);
                out.write(startup);
                out.flush();
                Map<String, Boolean> statements = new HashMap<>();
                Map<String, Boolean> portals = new HashMap<>();
                boolean write = false;
                for (Message message = Message.read(in); message != null; message = Message.read(in)) {
                    byte[] body = message.body();
                    switch (message.type()) {
                        case 'Q' -> enqueue(WRITE.matcher(cString(body, 0)).matches() && loseNext());
                        case 'P' -> {
                            String name = cString(body, 0);
                            statements.put(name, WRITE.matcher(cString(body, name.getBytes(StandardCharsets.UTF_8).length + 1)).matches());
                        }
                        case 'B' -> {
                            String portal = cString(body, 0);
                            String statement = cString(body, portal.getBytes(StandardCharsets.UTF_8).length + 1);
                            portals.put(portal, statements.getOrDefault(statement, false));
                        }
                        case 'E' -> write |= portals.getOrDefault(cString(body, 0), false);
                        case 'S' -> {
                            enqueue(write && loseNext());
                            write = false;
                        }
                        default -> {
                            // password, describe, close, flush, terminate: passed on as they are
                        }
                    }
                    message.write(out);
                    if (in.available() == 0) out.flush();
                }
            } catch (IOException ended) {
                // either side closed
            }
        }

        private void fromServer() {
            try {
                DataInputStream in = new DataInputStream(new BufferedInputStream(server.getInputStream()));
                OutputStream out = new BufferedOutputStream(client.getOutputStream(), 1 << 16);
                for (Message message = Message.read(in); message != null; message = Message.read(in)) {
                    if (headLost()) {
                        if (message.type() == 'Z') {
                            lost.incrementAndGet();
                            return; // the server finished the request; its response is lost with the connection
                        }
                        continue;
                    }
                    message.write(out);
                    if (message.type() == 'Z') dequeue();
                    if (in.available() == 0) out.flush();
                }
            } catch (IOException ended) {
                // either side closed
            }
        }

        private synchronized void enqueue(boolean lose) {
            pending.add(lose);
        }

        private synchronized boolean headLost() {
            Boolean head = pending.peek();
            return head != null && head;
        }

        private synchronized void dequeue() {
            pending.poll();
        }
    }

    /** One typed protocol message: its type byte and its body (the length is the body's plus four). */
    private record Message(int type, byte[] body) {
        /** The next message, or null at the end of the stream. */
        static Message read(DataInputStream in) throws IOException {
            int type = in.read();
            if (type < 0) return null;
            int length = in.readInt();
            if (length < 4) throw new EOFException("not a protocol message: length " + length);
            byte[] body = new byte[length - 4];
            in.readFully(body);
            return new Message(type, body);
        }

        void write(OutputStream out) throws IOException {
            out.write(type);
            writeInt(out, body.length + 4);
            out.write(body);
        }
    }

    private static byte[] untyped(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 8 || length > 10_000) throw new EOFException("not a startup message: length " + length);
        byte[] message = new byte[length];
        message[0] = (byte) (length >>> 24);
        message[1] = (byte) (length >>> 16);
        message[2] = (byte) (length >>> 8);
        message[3] = (byte) length;
        in.readFully(message, 4, length - 4);
        return message;
    }

    private static int code(byte[] message) {
        return (message[4] & 0xff) << 24 | (message[5] & 0xff) << 16 | (message[6] & 0xff) << 8 | message[7] & 0xff;
    }

    private static String cString(byte[] body, int offset) {
        int end = offset;
        while (end < body.length && body[end] != 0) end++;
        return new String(body, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static void writeInt(OutputStream out, int value) throws IOException {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static final class LoggingHolder {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LossyPostgresProxy.class);
    }
}
