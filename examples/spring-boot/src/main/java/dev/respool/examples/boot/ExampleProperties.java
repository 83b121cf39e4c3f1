package dev.respool.examples.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code example.*} properties.
 *
 * @param filesDir the directory whose regular files the application serves; unset, it serves
 *     sample files that it generates in a temporary directory
 */
@ConfigurationProperties(prefix = "example")
record ExampleProperties(String filesDir) {}
