package dev.rolegate.agent.instrumentation.servlet;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.net.InetSocketAddress;

/** The servlet gate in a real Undertow servlet container, without Undertow's native hook. */
class UndertowServletGateTest extends ServletGateContract {
    private Undertow undertow;
    private DeploymentManager manager;

    @Override
    protected int start() throws Exception {
        DeploymentInfo deployment = Servlets.deployment()
                .setClassLoader(getClass().getClassLoader())
                .setContextPath("/ctx")
                .setDeploymentName("gate-test")
                .addServlet(Servlets.servlet("echo", Servlet.class, new ImmediateInstanceFactory<Servlet>(app.servlet))
                        .addMapping("/*")
                        .setAsyncSupported(true))
                .addFilter(Servlets.filter("app", Filter.class, new ImmediateInstanceFactory<Filter>(app.filter))
                        .setAsyncSupported(true))
                .addFilterUrlMapping("app", "/*", DispatcherType.REQUEST);
        manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();
        undertow = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.path().addPrefixPath("/ctx", manager.start()))
                .build();
        undertow.start();
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Override
    protected void stop() throws Exception {
        undertow.stop();
        manager.stop();
        manager.undeploy();
    }
}
