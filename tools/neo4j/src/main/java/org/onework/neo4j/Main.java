package org.onework.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Main runs an embedded Neo4j 5 Community server with the Bolt connector on a
 * loopback address, for local development and tests. It stops cleanly on
 * SIGTERM or SIGINT.
 *
 * Options (all optional):
 *   --home DIR          data and logs directory (default ./.neo4j)
 *   --bolt HOST:PORT    Bolt listen address (default 127.0.0.1:7687)
 *   --page-cache MB     page cache size in MiB (default 256)
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(".neo4j");
        String bolt = "127.0.0.1:7687";
        long pageCacheMb = 256;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                usage("missing value for " + a);
            }
            switch (a) {
                case "--home" -> home = Path.of(args[++i]);
                case "--bolt" -> bolt = args[++i];
                case "--page-cache" -> pageCacheMb = Long.parseLong(args[++i]);
                default -> usage("unknown option " + a);
            }
        }
        int colon = bolt.lastIndexOf(':');
        if (colon <= 0) {
            usage("--bolt wants HOST:PORT, got " + bolt);
        }
        String host = bolt.substring(0, colon);
        int port = Integer.parseInt(bolt.substring(colon + 1));

        home = home.toAbsolutePath();
        Files.createDirectories(home);
        Path logs = home.resolve("logs");
        Files.createDirectories(logs);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .setConfig(GraphDatabaseSettings.logs_directory, logs)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("onework-neo4j: shutting down");
            dbms.shutdown();
            stopped.countDown();
        }, "onework-neo4j-shutdown"));

        // Touch the default database so start-up failures surface here, not on first query.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        System.out.println("onework-neo4j: ready, bolt://" + host + ":" + port + ", home " + home);
        stopped.await();
    }

    private static void usage(String why) {
        System.err.println("onework-neo4j: " + why);
        System.err.println("usage: onework-neo4j [--home DIR] [--bolt HOST:PORT] [--page-cache MB]");
        System.exit(2);
    }
}
