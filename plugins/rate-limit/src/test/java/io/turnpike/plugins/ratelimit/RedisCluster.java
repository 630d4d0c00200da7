package io.turnpike.plugins.ratelimit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.turnpike.server.testkit.Eventually;

/** A Redis Cluster of three masters on loopback, with the slots shared out among them by {@code redis-cli}. */
final class RedisCluster implements AutoCloseable {

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    static RedisCluster start(Path dir) {
        List<RedisServer> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nodes.add(RedisServer.startClusterNode(dir));
        }
        List<String> create = new ArrayList<>(List.of("--cluster", "create"));
        nodes.forEach(node -> create.add(node.url().substring("redis://".length())));
        create.add("--cluster-yes");
        RedisServer.cli(create.toArray(String[]::new));
        RedisCluster cluster = new RedisCluster(nodes);
        Eventually.await("every node sees the cluster whole", () -> nodes.stream()
                .allMatch(node -> node.commands().clusterInfo().contains("cluster_state:ok")));
        return cluster;
    }

    /** The nodes, each a master of a third of the slots. */
    List<RedisServer> nodes() {
        return nodes;
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
