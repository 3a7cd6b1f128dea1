package testapp.jetty12;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import testapp.servletcommon.EchoServlet;
import testapp.servletcommon.PrintingFilter;

/**
 * The server test application on Jetty 12 (ee10, jakarta.servlet 6) (docs/STACK-TESTS.md, "Server
 * test app protocol"). It knows nothing of Rolegate: {@link PrintingFilter} and {@link EchoServlet}
 * on {@code /*} of the root context.
 *
 * <p>Usage: {@code PORT=<port> java testapp.jetty12.Main}.
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
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder servlet = new ServletHolder(new EchoServlet("jetty12"));
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
