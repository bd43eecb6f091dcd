package org.ipledger.web.console;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Keeps Spring Boot's {@link ResourceUrlEncodingFilter} off. The webjars locator on the classpath
 * turns the resource chain on, and with it this filter, which rewrites links to static resources
 * into versioned ones; the console links none that way (htmx's version-less webjar path is
 * resolved when it is requested), yet the filter looks every link of every page up among the
 * static resources, 256 times on an address map. A service takes it with {@code @Import}.
 */
@Configuration(proxyBeanMethods = false)
public class PlainResourceUrls {

    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> unusedResourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }
}
