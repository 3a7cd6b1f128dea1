package testapp.tomcat;

import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import testapp.servletcommon.EchoServlet;
import testapp.servletcommon.PrintingFilter;

/**
 * The server test application on embedded Tomcat (docs/STACK-TESTS.md, "Server test app protocol").
 * It knows nothing of Rolegate: {@link PrintingFilter} and {@link EchoServlet} on {@code /*} of the
 * root context.
 *
 * <p>Usage: {@code PORT=<port> java testapp.tomcat.Main}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv("PORT"));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("testapp-tomcat").toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", null);
        Wrapper servlet = Tomcat.addServlet(context, "echo", new EchoServlet("tomcat"));
        servlet.setAsyncSupported(true);
        context.addServletMappingDecoded("/*", "echo");
        FilterDef filter = new FilterDef();
        filter.setFilterName("printing");
        filter.setFilter(new PrintingFilter());
        filter.setAsyncSupported("true");
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("printing");
        mapping.addURLPatternDecoded("/*");
        context.addFilterMap(mapping);
        tomcat.start();
        System.out.println("READY " + port);
        System.out.flush();
        tomcat.getServer().await();
    }
}
