package dev.rolegate.benchmarks.apps;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

import java.io.IOException;
import java.nio.file.Files;

/** The trivial service on embedded Tomcat: one servlet, every request answers 200 "ok". Argument: port. */
public final class TomcatApp {
    private TomcatApp() {
    }

    public static void main(String[] args) throws Exception {
        AppSupport.mainEntered();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("bench-tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(Integer.parseInt(args[0]));
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context ctx = tomcat.addContext("", null);
        Tomcat.addServlet(ctx, "ok", new OkServlet());
        ctx.addServletMappingDecoded("/", "ok");
        tomcat.start();
        AppSupport.serveCommands();
        System.out.println("READY " + connector.getLocalPort());
        tomcat.getServer().await();
    }

    /** Answers every method with 200 "ok". */
    static final class OkServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.setContentLength(2);
            resp.getOutputStream().write('o');
            resp.getOutputStream().write('k');
        }
    }
}
