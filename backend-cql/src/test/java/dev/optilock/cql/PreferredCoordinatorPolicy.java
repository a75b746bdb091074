package dev.optilock.cql;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverOption;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.session.Session;
import com.datastax.oss.driver.internal.core.loadbalancing.DefaultLoadBalancingPolicy;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The driver's default policy, except that one node, while the driver counts it live, coordinates every request: a
 * test that pauses that node then loses the response of every request sent while it is paused, not of the third
 * of them that the default policy would have sent there (and none, by bad luck, when the default policy keeps to
 * the other two). The control connection's plan (a null request) is left as it is.
 */
public final class PreferredCoordinatorPolicy extends DefaultLoadBalancingPolicy {
    /** The node's CQL address, {@code host:port}, as its contact point gives it. */
    static final DriverOption PREFERRED_COORDINATOR = () -> "optilock-test.preferred-coordinator";

    private final String preferred;

    /** Called by the driver, which reads the preferred node from {@link #PREFERRED_COORDINATOR}. */
    public PreferredCoordinatorPolicy(DriverContext context, String profileName) {
        super(context, profileName);
        this.preferred = context.getConfig().getProfile(profileName).getString(PREFERRED_COORDINATOR);
    }

    /** Configures {@code config} to send every request to {@code node} first. */
    static ProgrammaticDriverConfigLoaderBuilder preferring(ProgrammaticDriverConfigLoaderBuilder config, InetSocketAddress node) {
        return config.withClass(DefaultDriverOption.LOAD_BALANCING_POLICY_CLASS, PreferredCoordinatorPolicy.class)
                .withString(PREFERRED_COORDINATOR, address(node));
    }

    @Override
    public Queue<Node> newQueryPlan(Request request, Session session) {
        Queue<Node> plan = super.newQueryPlan(request, session);
        if (request == null) return plan;
        List<Node> nodes = new ArrayList<>(plan);
        Queue<Node> preferredFirst = new ConcurrentLinkedQueue<>();
        nodes.stream().filter(this::isPreferred).forEach(preferredFirst::add);
        nodes.stream().filter(node -> !isPreferred(node)).forEach(preferredFirst::add);
        return preferredFirst;
    }

    private boolean isPreferred(Node node) {
        SocketAddress address = node.getEndPoint().resolve();
        return address instanceof InetSocketAddress inet && address(inet).equals(preferred);
    }

    private static String address(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
