package testapp.undertowservlet;

import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import testapp.servletcommon.EchoServlet;
import testapp.servletcommon.PrintingFilter;

/**
 * The server test application on Undertow's servlet container (docs/STACK-TESTS.md, "Server test
 * app protocol"). It knows nothing of Rolegate: {@link PrintingFilter} and {@link EchoServlet} on
 * {@code /*} of the root context.
 *
 * <p>Usage: {@code PORT=<port> java testapp.undertowservlet.Main}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv("PORT"));
        DeploymentInfo deployment = Servlets.deployment()
                .setClassLoader(Main.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("testapp")
                .addServlet(Servlets.servlet("echo", Servlet.class, new ImmediateInstanceFactory<Servlet>(new EchoServlet("undertow-servlet")))
                        .addMapping("/*")
                        .setAsyncSupported(true))
                .addFilter(Servlets.filter("printing", Filter.class,
                                new ImmediateInstanceFactory<Filter>(new PrintingFilter()))
                        .setAsyncSupported(true))
                .addFilterUrlMapping("printing", "/*", DispatcherType.REQUEST);
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();
        Undertow server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(manager.start())
                .build();
        server.start();
        System.out.println("READY " + port);
        System.out.flush();
    }
}
