package testapp.jetty9;

import javax.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The server test application on Jetty 9.4 (javax.servlet 3.1) (docs/STACK-TESTS.md, "Server
 * test app protocol"). It knows nothing of Rolegate: {@link PrintingFilter} and {@link EchoServlet}
 * on {@code /*} of the root context.
 *
 * <p>Usage: {@code PORT=<port> java testapp.jetty9.Main}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv("PORT"));
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder servlet = new ServletHolder(new EchoServlet("jetty9"));
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, "/*");
        FilterHolder filter = new FilterHolder(new PrintingFilter());
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        System.out.println("READY " + port);
        System.out.flush();
        server.join();
    }
}
