import java.net.InetSocketAddress;
import java.util.Map;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.rest.RESTCatalogAdapter;
import org.apache.iceberg.rest.RESTCatalogServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * Iceberg's REST catalog (the servlet and adapter Iceberg tests its REST client with), serving a
 * Hadoop catalog on a local warehouse, bound to 127.0.0.1 only — Iceberg's own launcher binds all
 * interfaces. Run by scripts/iceberg-rest.sh: java RestCatalogOnLoopback.java PORT WAREHOUSE_URI
 */
public final class RestCatalogOnLoopback {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Catalog backend =
                CatalogUtil.buildIcebergCatalog(
                        "rest_backend",
                        Map.of("type", "hadoop", "warehouse", args[1]),
                        new org.apache.hadoop.conf.Configuration());
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.addServlet(
                new ServletHolder(new RESTCatalogServlet(new RESTCatalogAdapter(backend))), "/*");
        Server server = new Server(new InetSocketAddress("127.0.0.1", port));
        server.setHandler(context);
        server.start();
        System.out.println("Iceberg REST catalog on http://127.0.0.1:" + port + " over " + args[1]);
        server.join();
    }
}
