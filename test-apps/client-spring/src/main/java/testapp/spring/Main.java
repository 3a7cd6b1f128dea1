package testapp.spring;

import testapp.common.LineProtocol;

/**
 * The client test app on Spring's HTTP clients, each over its default request factory or connector
 * (variants {@code resttemplate}, {@code restclient}, {@code webclient}). It knows nothing of Rolegate.
 *
 * <p>At start-up it prints {@code CLIENT <variant> <class of the request factory or connector>}, so
 * that tests can see which library actually carries the calls.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String variant = args.length > 0 ? args[0] : "resttemplate";
        SpringCaller caller = switch (variant) {
            case "resttemplate" -> new RestTemplateCaller();
            case "restclient" -> new RestClientCaller();
            case "webclient" -> new WebClientCaller();
            default -> throw new IllegalArgumentException("unknown variant " + variant
                    + " (resttemplate, restclient, webclient)");
        };
        System.out.println("CLIENT " + variant + " " + caller.transport());
        LineProtocol.serve(caller::call);
    }

    /** One Spring client. */
    interface SpringCaller {
        int call(String method, String url, boolean follow) throws Exception;

        /** The class that does the I/O under the default configuration. */
        String transport();
    }
}
