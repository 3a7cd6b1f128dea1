package dev.rolegate.agent.instrumentation.servlet;

import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** The servlet gate in a real embedded Tomcat. */
class TomcatGateTest extends ServletGateContract {
    private Tomcat tomcat;

    @Override
    protected int start() throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("/ctx", null);
        Wrapper wrapper = Tomcat.addServlet(context, "echo", app.servlet);
        wrapper.setAsyncSupported(true);
        context.addServletMappingDecoded("/*", "echo");
        FilterDef filterDef = new FilterDef();
        filterDef.setFilterName("app");
        filterDef.setFilter(app.filter);
        filterDef.setAsyncSupported("true");
        context.addFilterDef(filterDef);
        FilterMap filterMap = new FilterMap();
        filterMap.setFilterName("app");
        filterMap.addURLPatternDecoded("/*");
        context.addFilterMap(filterMap);
        tomcat.start();
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    protected void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
